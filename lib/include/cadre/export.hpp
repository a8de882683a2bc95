// Symbol visibility: the shared library exports only what is marked CADRE_API.
#pragma once
#if defined(CADRE_BUILDING_LIBRARY)
#define CADRE_API __attribute__((visibility("default")))
#else
#define CADRE_API
#endif
