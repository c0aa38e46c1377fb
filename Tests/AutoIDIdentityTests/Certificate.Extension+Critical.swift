import X509

extension Certificate.Extension {
    func settingCritical() -> Certificate.Extension {
        Certificate.Extension(oid: oid, critical: true, value: value)
    }
}
