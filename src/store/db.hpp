// The one small database interface behind SQLite and PostgreSQL. SQL is written once with `?`
// placeholders; every value is bound, never spliced. Statements are prepared once per connection.
#pragma once
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>
#include "common/error.hpp"

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace hejia::store {

enum class Dialect { kSqlite, kPostgres };

/// A bound parameter or a column value: NULL, integer, real or text.
class Value {
 public:
  Value() = default;
  Value(std::nullptr_t) {}
  Value(int v) : v_(int64_t{v}) {}
  Value(unsigned v) : v_(int64_t{v}) {}
  Value(long v) : v_(int64_t{v}) {}
  Value(long long v) : v_(int64_t{v}) {}
  Value(bool v) : v_(int64_t{v ? 1 : 0}) {}
  Value(double v) : v_(v) {}
  Value(std::string v) : v_(std::move(v)) {}
  Value(std::string_view v) : v_(std::string(v)) {}
  Value(const char* v) : v_(std::string(v)) {}
  template <class T>
  Value(const std::optional<T>& v) {
    if (v) *this = Value(*v);
  }

  bool IsNull() const { return std::holds_alternative<std::monostate>(v_); }
  bool IsInt() const { return std::holds_alternative<int64_t>(v_); }
  bool IsText() const { return std::holds_alternative<std::string>(v_); }
  bool IsReal() const { return std::holds_alternative<double>(v_); }
  int64_t Int() const;
  double Real() const;
  /// Text, or the decimal form of a number; "" for NULL.
  std::string Text() const;
  const std::string& TextRef() const { return std::get<std::string>(v_); }

  /// Sets a text in place, reusing the text's buffer when it holds one (a row read again).
  void SetText(std::string_view v) {
    if (auto* s = std::get_if<std::string>(&v_))
      s->assign(v);
    else
      v_ = std::string(v);
  }
  void SetInt(int64_t v) { v_ = v; }
  void SetReal(double v) { v_ = v; }
  void SetNull() { v_ = std::monostate(); }

 private:
  std::variant<std::monostate, int64_t, double, std::string> v_;
};

using Params = std::vector<Value>;

/// One result row.
class Row {
 public:
  explicit Row(std::vector<Value> cells) : cells_(std::move(cells)) {}
  const Value& operator[](size_t i) const { return cells_.at(i); }
  int64_t Int(size_t i) const { return cells_.at(i).Int(); }
  std::string Text(size_t i) const { return cells_.at(i).Text(); }
  bool IsNull(size_t i) const { return cells_.at(i).IsNull(); }
  /// A text column without a copy: "" for NULL; valid until the row is read again. A number is
  /// not a text (DbError): use Text for a column that may hold one.
  std::string_view View(size_t i) const {
    const Value& v = cells_.at(i);
    if (v.IsText()) return v.TextRef();
    if (v.IsNull()) return {};
    throw DbError("column " + std::to_string(i) + " is not a text");
  }
  std::optional<std::string> OptText(size_t i) const {
    if (cells_.at(i).IsNull()) return std::nullopt;
    return cells_[i].Text();
  }
  size_t size() const { return cells_.size(); }
  /// For a connection filling a row it reuses (Connection::QueryEach).
  Value& Cell(size_t i) { return cells_[i]; }

 private:
  std::vector<Value> cells_;
};

/// Raised for database failures that are not the client's fault.
/// Defined at the bottom (common/error.hpp) so the HTTP layer can answer it without the store.
using DbError = hejia::DbError;

/// One connection, used by one thread at a time.
class Connection {
 public:
  virtual ~Connection() = default;
  virtual Dialect dialect() const = 0;
  /// Runs a statement and returns every row.
  virtual std::vector<Row> Query(std::string_view sql, std::span<const Value> params) = 0;
  /// Runs `sql` and calls `each` with every row as it is read, keeping none: the row passed is
  /// reused, valid only during the call (the hot lists; no vector of rows built and freed).
  /// `each` must not run `sql` again on this connection.
  virtual void QueryEach(std::string_view sql, std::span<const Value> params,
                         const std::function<void(const Row&)>& each) {
    for (const auto& r : Query(sql, params)) each(r);
  }
  /// Runs a statement; returns the number of rows changed.
  virtual int64_t Execute(std::string_view sql, std::span<const Value> params) = 0;
  /// Runs a parameterless script of several statements (schema migrations only).
  virtual void ExecuteScript(std::string_view sql) = 0;

  std::vector<Row> Query(std::string_view sql, std::initializer_list<Value> params = {}) {
    return Query(sql, std::span<const Value>(params.begin(), params.size()));
  }
  int64_t Execute(std::string_view sql, std::initializer_list<Value> params = {}) {
    return Execute(sql, std::span<const Value>(params.begin(), params.size()));
  }
  std::optional<Row> QueryOne(std::string_view sql, std::initializer_list<Value> params = {}) {
    auto rows = Query(sql, params);
    if (rows.empty()) return std::nullopt;
    return std::move(rows.front());
  }
  std::optional<Row> QueryOne(std::string_view sql, std::span<const Value> params) {
    auto rows = Query(sql, params);
    if (rows.empty()) return std::nullopt;
    return std::move(rows.front());
  }
};

using Job = std::function<void(Connection&)>;
using JobDone = std::function<void(std::exception_ptr)>;

/// Connection pools and the writer. Reads run on a pool of reader threads; writes run in a
/// transaction each (PostgreSQL) or as a savepoint inside a group-committed batch on the single
/// writer thread (SQLite), and complete only once durable.
class Database {
 public:
  virtual ~Database() = default;
  virtual Dialect dialect() const = 0;
  /// Runs `job` on a reader connection; `done` is called on that thread afterwards.
  virtual void SubmitRead(Job job, JobDone done) = 0;
  /// Runs `job` atomically; `done` is called after commit (or with the failure).
  virtual void SubmitWrite(Job job, JobDone done) = 0;
  /// Stops the worker threads after the queued jobs.
  virtual void Stop() = 0;

  /// Coroutine form of SubmitRead: resumes on the caller's executor.
  template <class F>
  auto Read(F fn) -> boost::asio::awaitable<std::invoke_result_t<F&, Connection&>> {
    return Run<F>(std::move(fn), false);
  }
  /// Coroutine form of SubmitWrite.
  template <class F>
  auto Write(F fn) -> boost::asio::awaitable<std::invoke_result_t<F&, Connection&>> {
    return Run<F>(std::move(fn), true);
  }
  /// Blocking forms for the command line.
  template <class F>
  auto ReadSync(F fn) -> std::invoke_result_t<F&, Connection&> {
    return RunSync<F>(std::move(fn), false);
  }
  template <class F>
  auto WriteSync(F fn) -> std::invoke_result_t<F&, Connection&> {
    return RunSync<F>(std::move(fn), true);
  }

 private:
  template <class F>
  auto Run(F fn, bool write) -> boost::asio::awaitable<std::invoke_result_t<F&, Connection&>>;
  template <class F>
  auto RunSync(F fn, bool write) -> std::invoke_result_t<F&, Connection&>;
};

/// Options for Open.
struct OpenOptions {
  int readers = 2;
  /// SQLite only: the longest the writer waits for a batch as large as the last one to gather
  /// (microseconds, 0 = never waits).
  int group_commit_wait_us = 300;
  /// SQLite only: the checkpointer copies pages back once this many WAL frames have come since
  /// its last pass; at wal_restart_frames the WAL is made to start over (see sqlite_db.cpp).
  int checkpoint_frames = 1000;
  int wal_restart_frames = 32000;
};

/// Opens `sqlite:PATH` or `postgres://...` / `postgresql://...`.
std::unique_ptr<Database> OpenDatabase(const std::string& url, const OpenOptions& options = {});
/// The PostgreSQL connection string with any password hidden, for logs.
std::string RedactUrl(const std::string& url);

// ---- template implementation ----
namespace detail {
template <class R>
struct Slot {
  std::optional<R> value;
  R Take() { return std::move(*value); }
};
template <>
struct Slot<void> {
  void Take() {}
};
template <class R, class F>
void Fill(Slot<R>& s, F& fn, Connection& c) {
  if constexpr (std::is_void_v<R>) {
    fn(c);
  } else {
    s.value.emplace(fn(c));
  }
}
}  // namespace detail

template <class F>
auto Database::Run(F fn, bool write)
    -> boost::asio::awaitable<std::invoke_result_t<F&, Connection&>> {
  using R = std::invoke_result_t<F&, Connection&>;
  auto slot = std::make_shared<detail::Slot<R>>();
  auto shared_fn = std::make_shared<F>(std::move(fn));
  // The initiation is a named local, not a temporary inside the co_await expression: GCC 12
  // destroys such temporaries twice (PR 100611), which would drop these shared_ptrs early.
  auto initiation = [this, slot, shared_fn, write](auto handler) {
    auto h = std::make_shared<decltype(handler)>(std::move(handler));
    Job job = [slot, shared_fn](Connection& c) { detail::Fill<R>(*slot, *shared_fn, c); };
    // The work guard keeps the I/O context running while the job is away on a pool thread.
    auto work =
        std::make_shared<decltype(boost::asio::make_work_guard(boost::asio::get_associated_executor(
            *h)))>(boost::asio::make_work_guard(boost::asio::get_associated_executor(*h)));
    JobDone done = [h, work](std::exception_ptr ep) {
      auto ex = boost::asio::get_associated_executor(*h);
      boost::asio::post(ex, [h, work, ep]() mutable {
        std::move (*h)(ep);
        work->reset();
      });
    };
    if (write)
      SubmitWrite(std::move(job), std::move(done));
    else
      SubmitRead(std::move(job), std::move(done));
  };
  co_await boost::asio::async_initiate<decltype(boost::asio::use_awaitable),
                                       void(std::exception_ptr)>(std::move(initiation),
                                                                 boost::asio::use_awaitable);
  co_return slot->Take();
}

}  // namespace hejia::store

#include <future>
namespace hejia::store {
template <class F>
auto Database::RunSync(F fn, bool write) -> std::invoke_result_t<F&, Connection&> {
  using R = std::invoke_result_t<F&, Connection&>;
  auto slot = std::make_shared<detail::Slot<R>>();
  auto shared_fn = std::make_shared<F>(std::move(fn));
  auto promise = std::make_shared<std::promise<void>>();
  auto fut = promise->get_future();
  Job job = [slot, shared_fn](Connection& c) { detail::Fill<R>(*slot, *shared_fn, c); };
  JobDone done = [promise](std::exception_ptr ep) {
    if (ep)
      promise->set_exception(ep);
    else
      promise->set_value();
  };
  if (write)
    SubmitWrite(std::move(job), std::move(done));
  else
    SubmitRead(std::move(job), std::move(done));
  fut.get();
  return slot->Take();
}
}  // namespace hejia::store
