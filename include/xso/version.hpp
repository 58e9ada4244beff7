// Library version. Generated headers check MAJOR.MINOR against the runtime they meet.
#pragma once

#define XSO_VERSION_MAJOR 0
#define XSO_VERSION_MINOR 1
#define XSO_VERSION_PATCH 0
#define XSO_VERSION_STRING "0.1.0"
