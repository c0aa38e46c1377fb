// libxml2, for XMP sidecars and JUnit reports. pkg-config's libxml-2.0 puts /usr/include/libxml2 on the path.
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>
#include <libxml/xpath.h>
