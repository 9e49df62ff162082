#include "api/import_errors.hpp"

#include <boost/json.hpp>

#include "common/error.hpp"

namespace hejia::api {

void ThrowImportErrors(const domain::ImportErrors& errors, const std::string& field) {
  boost::json::array rows;
  for (const auto& e : errors.reported())
    rows.push_back(boost::json::object{
        {"row", e.line}, {"column", e.column}, {"field", e.field}, {"message", e.message}});
  const auto count = errors.count();
  boost::json::object details{{"rows", std::move(rows)}, {"error_count", count}};
  if (count > errors.reported().size()) details["truncated"] = true;
  throw ApiError(ErrorKind::kBadRequest, "validation_failed",
                 std::to_string(count) + " 处错误，未导入任何数据 / " + std::to_string(count) +
                     " errors, nothing was imported",
                 field)
      .WithDetails(std::move(details));
}

}  // namespace hejia::api
