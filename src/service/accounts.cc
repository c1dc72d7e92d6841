// AccountService: placeholder until written.
#include "service/accounts.h"
