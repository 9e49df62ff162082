// The one table from error kind to HTTP status: the only place where an error becomes a status.
#pragma once
#include "common/error.hpp"

namespace hejia::http {

/// The HTTP status that answers an error of `kind`.
unsigned HttpStatus(ErrorKind kind);

}  // namespace hejia::http
