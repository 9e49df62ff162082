// PostgreSQL through libpq: a pool of connections, each on its own thread; every write job runs
// in its own transaction (PostgreSQL does its own group commit). Statements are prepared once per
// connection; `?` placeholders become `$n`.
#include <libpq-fe.h>

#include <charconv>
#include <thread>
#include <unordered_map>

#include <spdlog/spdlog.h>

#include "store/db.hpp"
#include "store/job_queue.hpp"

namespace hejia::store {
namespace {

constexpr Oid kBoolOid = 16, kInt8Oid = 20, kInt2Oid = 21, kInt4Oid = 23, kFloat4Oid = 700,
              kFloat8Oid = 701, kNumericOid = 1700;

/// `?` outside quotes -> `$1`, `$2`, ...
std::string ToDollarPlaceholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  char quote = 0;
  for (char c : sql) {
    if (quote) {
      if (c == quote) quote = 0;
      out.push_back(c);
    } else if (c == '\'' || c == '"') {
      quote = c;
      out.push_back(c);
    } else if (c == '?') {
      out += '$' + std::to_string(++n);
    } else {
      out.push_back(c);
    }
  }
  return out;
}

class PgConnection final : public Connection {
 public:
  explicit PgConnection(const std::string& conninfo) {
    conn_ = PQconnectdb(conninfo.c_str());
    if (PQstatus(conn_) != CONNECTION_OK) {
      std::string msg = PQerrorMessage(conn_);
      PQfinish(conn_);
      conn_ = nullptr;
      throw DbError("cannot connect to PostgreSQL: " + msg);
    }
    ExecuteScript("SET client_min_messages = warning; SET TIME ZONE 'UTC'");
  }
  ~PgConnection() override {
    if (conn_) PQfinish(conn_);
  }

  Dialect dialect() const override { return Dialect::kPostgres; }

  std::vector<Row> Query(std::string_view sql, std::span<const Value> params) override {
    PGresult* res = Run(sql, params);
    std::vector<Row> rows;
    const int nrows = PQntuples(res), ncols = PQnfields(res);
    rows.reserve(nrows);
    for (int r = 0; r < nrows; ++r) {
      std::vector<Value> cells;
      cells.reserve(ncols);
      for (int c = 0; c < ncols; ++c) {
        if (PQgetisnull(res, r, c)) {
          cells.emplace_back();
          continue;
        }
        const char* p = PQgetvalue(res, r, c);
        const int len = PQgetlength(res, r, c);
        switch (PQftype(res, c)) {
          case kInt8Oid:
          case kInt4Oid:
          case kInt2Oid: {
            long long v = 0;
            std::from_chars(p, p + len, v);
            cells.emplace_back(v);
            break;
          }
          case kBoolOid:
            cells.emplace_back(p[0] == 't');
            break;
          case kFloat4Oid:
          case kFloat8Oid:
          case kNumericOid:
            cells.emplace_back(std::strtod(p, nullptr));
            break;
          default:
            cells.emplace_back(std::string_view(p, len));
        }
      }
      rows.emplace_back(std::move(cells));
    }
    PQclear(res);
    return rows;
  }

  int64_t Execute(std::string_view sql, std::span<const Value> params) override {
    PGresult* res = Run(sql, params);
    const char* n = PQcmdTuples(res);
    int64_t changed = (n && *n) ? std::strtoll(n, nullptr, 10) : 0;
    PQclear(res);
    return changed;
  }

  void ExecuteScript(std::string_view sql) override {
    PGresult* res = PQexec(conn_, std::string(sql).c_str());
    const auto st = PQresultStatus(res);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
      std::string msg = PQresultErrorMessage(res);
      PQclear(res);
      throw DbError("PostgreSQL: " + msg);
    }
    PQclear(res);
  }

  bool Healthy() const { return PQstatus(conn_) == CONNECTION_OK; }
  void Reset() {
    PQreset(conn_);
    prepared_.clear();
  }

 private:
  PGresult* Run(std::string_view sql, std::span<const Value> params) {
    auto it = prepared_.find(sql);
    if (it == prepared_.end()) {
      std::string name = "s" + std::to_string(prepared_.size() + 1);
      const std::string text = ToDollarPlaceholders(sql);
      PGresult* res = PQprepare(conn_, name.c_str(), text.c_str(), 0, nullptr);
      if (PQresultStatus(res) != PGRES_COMMAND_OK) {
        std::string msg = PQresultErrorMessage(res);
        PQclear(res);
        throw DbError("PostgreSQL prepare: " + msg);
      }
      PQclear(res);
      it = prepared_.emplace(std::string(sql), std::move(name)).first;
    }
    std::vector<std::string> texts(params.size());
    std::vector<const char*> values(params.size());
    for (size_t i = 0; i < params.size(); ++i) {
      if (params[i].IsNull()) {
        values[i] = nullptr;
        continue;
      }
      texts[i] = params[i].Text();
      values[i] = texts[i].c_str();
    }
    PGresult* res = PQexecPrepared(conn_, it->second.c_str(), static_cast<int>(params.size()),
                                   values.data(), nullptr, nullptr, 0);
    const auto st = PQresultStatus(res);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
      std::string msg = PQresultErrorMessage(res);
      const char* state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
      const bool constraint = state && state[0] == '2' && state[1] == '3';
      PQclear(res);
      throw DbError("PostgreSQL: " + msg, constraint);
    }
    return res;
  }

  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  PGconn* conn_ = nullptr;
  std::unordered_map<std::string, std::string, Hash, std::equal_to<>> prepared_;
};

class PgDatabase final : public Database {
 public:
  PgDatabase(const std::string& conninfo, const OpenOptions& options) {
    const int n = std::max(2, options.readers + 2);
    std::vector<std::shared_ptr<PgConnection>> conns;
    for (int i = 0; i < n; ++i) conns.push_back(std::make_shared<PgConnection>(conninfo));
    for (auto& c : conns) threads_.emplace_back([this, c] { Loop(*c); });
  }
  ~PgDatabase() override { Stop(); }

  Dialect dialect() const override { return Dialect::kPostgres; }
  void SubmitRead(Job job, JobDone done) override {
    queue_.Push({[job = std::move(job)](Connection& c) { job(c); }, std::move(done)});
  }
  void SubmitWrite(Job job, JobDone done) override {
    queue_.Push({[job = std::move(job)](Connection& c) {
                   c.Execute("BEGIN");
                   try {
                     job(c);
                     c.Execute("COMMIT");
                   } catch (...) {
                     try {
                       c.Execute("ROLLBACK");
                     } catch (...) {
                     }
                     throw;
                   }
                 },
                 std::move(done)});
  }
  void Stop() override {
    std::lock_guard lock(stop_mu_);
    if (stopped_) return;
    stopped_ = true;
    queue_.Stop();
    for (auto& t : threads_)
      if (t.joinable()) t.join();
  }

 private:
  void Loop(PgConnection& conn) {
    for (;;) {
      auto batch = queue_.Take(1);
      if (batch.empty()) return;
      for (auto& p : batch) {
        if (!conn.Healthy()) conn.Reset();
        std::exception_ptr ep;
        try {
          p.job(conn);
        } catch (...) {
          ep = std::current_exception();
        }
        p.done(ep);
      }
    }
  }

  JobQueue queue_;
  std::vector<std::thread> threads_;
  std::mutex stop_mu_;
  bool stopped_ = false;
};

}  // namespace

std::unique_ptr<Database> OpenPostgres(const std::string& conninfo, const OpenOptions& options) {
  return std::make_unique<PgDatabase>(conninfo, options);
}

}  // namespace hejia::store
