public import AutoIDBLAKE3

/// BLAKE3 (our SIMD implementation, AutoIDBLAKE3) in the same streaming shape as every other digest.
extension BLAKE3: StreamingHasher {}
