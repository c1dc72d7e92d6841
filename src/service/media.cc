// MediaService: placeholder until written.
#include "service/media.h"
