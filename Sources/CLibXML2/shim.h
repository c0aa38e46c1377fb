// libxml2, for XMP sidecars and JUnit reports: types and constants only; AutoIDLibXML2 loads the library at
// first use (nothing links it). Package.swift puts /usr/include/libxml2 on the path (pkg-config's libxml-2.0 cflags).
//
// Debian's libxml2 is built with ICU, so its encoding.h pulls in the system's <unicode/ucnv.h>. Swift's
// Foundation carries its own, different ICU headers, and a Swift module that sees both fails to build
// ("'UErrorCode' has different definitions in different modules"). We never use libxml2's ICU converters
// (they only appear inside xmlCharEncodingHandler, which we handle by pointer only), so hide them.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>
#include <libxml/xpath.h>
