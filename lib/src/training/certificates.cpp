// Completion certificates (结业证书): issue to completers, verify, revoke, the printable page.
// Completion is `report course`'s own (detail::course_report in the issuing transaction), never
// judged again here.
#include "training/certificates.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "audit/audit.hpp"
#include "cadre/certificate.hpp"
#include "i18n/catalogue.hpp"
#include "people/lookup.hpp"
#include "training/training_internal.hpp"
#include "util/dates.hpp"
#include "util/enums.hpp"
#include "util/text.hpp"
#include "util/validate.hpp"

namespace cadre {
namespace detail {
namespace {

inline constexpr std::string_view kStatusValues[] = {"valid", "revoked"};

// The labels and words of the certificate reports.
// clang-format off
constexpr CatalogueEntry kFragment[] = {
    {"certificate", "结业证书"},
    {"certificate.course", "班次编号"},
    {"certificate.end", "结束日期"},
    {"certificate.grade", "成绩等次"},
    {"certificate.hours", "学时"},
    {"certificate.issued_on", "发证日期"},
    {"certificate.name", "姓名"},
    {"certificate.number", "证书编号"},
    {"certificate.organizer_name", "发证单位"},
    {"certificate.revoked_on", "撤销日期"},
    {"certificate.revoked_reason", "撤销原因"},
    {"certificate.start", "开始日期"},
    {"certificate.status", "证书状态"},
    {"certificate.title", "班次名称"},
    {"issued", "已颁发"},
    {"not_enrolled", "未参加该班次"},
    {"operation.issue", "颁发"},
    {"operation.revoke", "撤销"},
    {"skipped", "已持有有效证书"},
    {"status.revoked", "已撤销"},
    {"status.valid", "有效"},
    {"verification_text", "核验文本"},
};
// clang-format on

[[maybe_unused]] const bool registered = register_enum(EnumSpec{"certificate_status", kStatusValues, "", "status"}) &&
                                         register_catalogue_fragment("certificates", kFragment);

// Hours as printed: no trailing zeros ("32", "31.5").
std::string plain_number(double v) {
  std::string s = fmt::format("{:.2f}", v);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

// Why a named person gets no certificate: `report course`'s reason codes (or not_enrolled,
// waitlisted), each a word translated where the message is shown.
Message refusal(const std::string& staff_no, const std::string& name, const std::vector<std::string>& reasons) {
  if (reasons.size() == 1) return message("{} {} ({})", staff_no, name, word("reasons", reasons[0]));
  Message list = message("{}, {}", word("reasons", reasons[0]), word("reasons", reasons[1]));
  for (size_t i = 2; i < reasons.size(); ++i) list = message("{}, {}", list, word("reasons", reasons[i]));
  return message("{} {} ({})", staff_no, name, list);
}

struct Chosen {
  const CourseTrainee* trainee;
  std::int64_t person_id;
};

// The named people (each once, in the order given), all completers, else Error(conflict) naming
// every one who is not with the reasons; an unknown staff number is Error(not_found).
std::vector<Chosen> named_completers(Database::Impl& impl, const CourseRow& course, const CourseReport& report,
                                     const std::vector<std::string>& staff_nos) {
  std::vector<Chosen> out;
  std::vector<Message> refused;
  std::vector<std::string> seen;
  for (const auto& given : staff_nos) {
    std::string staff_no = trim(given);
    if (std::find(seen.begin(), seen.end(), staff_no) != seen.end()) continue;
    seen.push_back(staff_no);
    std::int64_t pid = person_id(impl, staff_no, field("STAFF_NO"));
    auto t = std::find_if(report.trainees.begin(), report.trainees.end(),
                          [&](const CourseTrainee& x) { return x.staff_no == staff_no; });
    if (t == report.trainees.end()) {
      Stmt q(impl,
             "SELECT p.name, e.status FROM people p LEFT JOIN enrolments e ON e.person_id = p.id AND "
             "e.course_id = ? WHERE p.id = ?");
      q.bind(course.id, pid);
      q.step();
      std::string why = q.col(1).isNull() ? "not_enrolled" : q.col(1).getString();  // waitlisted
      refused.push_back(refusal(staff_no, q.col(0).getString(), {why}));
    } else if (!t->completed) {
      refused.push_back(refusal(staff_no, t->name, t->reasons));
    } else {
      out.push_back({&*t, pid});
    }
  }
  if (refused.empty()) return out;
  Message all = refused.front();
  for (size_t i = 1; i < refused.size(); ++i) all = message("{}; {}", all, refused[i]);
  fail(Errc::conflict, field("STAFF_NO"), "{}: no certificate, {} not completed: {}", field("STAFF_NO"), course.code,
       all);
}

std::optional<std::string> valid_certificate(Database::Impl& impl, std::int64_t course_id, std::int64_t person_id) {
  Stmt q(impl, "SELECT number FROM certificates WHERE course_id = ? AND person_id = ? AND revoked_on IS NULL");
  q.bind(course_id, person_id);
  if (!q.step()) return std::nullopt;
  return q.col(0).getString();
}

Certificate load_certificate(Database::Impl& impl, const std::string& number) {
  Stmt q(impl,
         "SELECT k.number, p.staff_no, k.name, c.code, k.title, k.organizer_name, k.start_date, k.end_date, k.hours, "
         "k.grade, k.issued_on, k.revoked_on, k.revoked_reason FROM certificates k "
         "JOIN people p ON p.id = k.person_id JOIN courses c ON c.id = k.course_id WHERE k.number = ?");
  q.bind(trim(number));
  if (!q.step()) fail(Errc::not_found, field("NUMBER"), "{}: unknown certificate {}", field("NUMBER"), number);
  Certificate c;
  c.number = q.col(0).getString();
  c.staff_no = q.col(1).getString();
  c.name = q.col(2).getString();
  c.course = q.col(3).getString();
  c.title = q.col(4).getString();
  c.organizer_name = q.col(5).getString();
  c.start = parse_date(q.col(6).getString(), "start_date");
  c.end = parse_date(q.col(7).getString(), "end_date");
  c.hours = q.col(8).getDouble();
  c.grade = q.col(9).getString();
  c.issued_on = parse_date(q.col(10).getString(), "issued_on");
  if (auto r = q.text_or_null(11)) c.revoked_on = parse_date(*r, "revoked_on");
  c.revoked_reason = q.text_or_null(12);
  c.status = c.revoked_on ? "revoked" : "valid";
  return c;
}

// A date on the printed page: 2026年3月13日 in Chinese, YYYY-MM-DD otherwise.
std::string page_date(Date d) {
  if (language() != "zh") return format_date(d);
  date::year_month_day ymd{d};
  return fmt::format("{}年{}月{}日", int(ymd.year()), unsigned(ymd.month()), unsigned(ymd.day()));
}

}  // namespace

std::string certificate_number(std::string_view course_code, std::int64_t seq) {
  return fmt::format("{}-{:03}", course_code, seq);
}

std::int64_t next_certificate_seq(Database::Impl& impl, std::int64_t course_id) {
  Stmt q(impl, "SELECT COALESCE(MAX(seq), 0) FROM certificates WHERE course_id = ?");
  q.bind(course_id);
  q.step();
  return q.col(0).getInt64() + 1;
}

}  // namespace detail

CertificateIssueResult issue_certificates(Database& db, const CertificateIssueInput& in) {
  return detail::write(db, [&](Database::Impl& impl) {
    using namespace detail;
    CourseRow course = load_course(impl, in.course, field("COURSE"));
    Day on = in.on ? Day(*in.on) : today(timezone(impl));
    CourseReport report = course_report(impl, course.code, field("COURSE"), Date(on));  // no-shows as of then
    if (on < report.end)
      fail(Errc::invalid, field("on"), "{} ({}) is before the course ends ({})", field("on"), format_date(on),
           format_date(report.end));
    std::vector<Chosen> chosen;
    if (in.staff_nos.empty()) {
      for (const auto& t : report.trainees)
        if (t.completed) chosen.push_back({&t, person_id(impl, t.staff_no, field("STAFF_NO"))});
    } else {
      chosen = named_completers(impl, course, report, in.staff_nos);
    }
    CertificateIssueResult out;
    for (const auto& [t, pid] : chosen) {
      if (auto held = valid_certificate(impl, course.id, pid)) {
        out.skipped.push_back({*held, t->staff_no});
        continue;
      }
      std::int64_t seq = next_certificate_seq(impl, course.id);
      std::string number = certificate_number(course.code, seq);
      std::string grade = t->grade.value_or("pass");
      Stmt q(impl,
             "INSERT INTO certificates(number, course_id, seq, person_id, name, title, organizer_name, start_date, "
             "end_date, hours, grade, issued_on) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
      q.bind(number, course.id, seq, pid, t->name, course.title, course.organizer_name, course.start, course.end,
             t->attended_hours, grade, format_date(on))
          .exec();
      audit(impl, "issue", "certificate", number, nullptr,
            {{"number", number},
             {"course", course.code},
             {"staff_no", t->staff_no},
             {"name", t->name},
             {"title", course.title},
             {"organizer_name", course.organizer_name},
             {"start", course.start},
             {"end", course.end},
             {"hours", t->attended_hours},
             {"grade", grade},
             {"issued_on", format_date(on)}});
      out.issued.push_back({number, t->staff_no});
    }
    return out;
  });
}

Report to_model(const CertificateIssueResult& result) {
  auto rows = [](const std::vector<IssuedCertificate>& list) {
    Node out = Node::array();
    for (const auto& c : list) {
      auto& row = out.push(Node::object());
      row.set("number", Node::string(c.number, Hint::id));
      row.set("staff_no", Node::string(c.staff_no, Hint::id));
    }
    return out;
  };
  Report r;
  r.kind = "certificate_issue";
  r.title = detail::msg("Certificates issued");
  r.data.set("issued", rows(result.issued));
  r.data.set("skipped", rows(result.skipped));
  return r;
}

void revoke_certificate(Database& db, const std::string& number, const std::string& reason, std::optional<Date> on) {
  detail::write(db, [&](Database::Impl& impl) {
    using namespace detail;
    Certificate c = load_certificate(impl, number);
    std::string why = require_text(reason, field("reason"), TextLayout::paragraph);
    if (c.revoked_on)
      fail(Errc::conflict, field("NUMBER"), "certificate {} was revoked already on {}", c.number,
           format_date(*c.revoked_on));
    Day when = on ? Day(*on) : today(timezone(impl));
    if (when < c.issued_on)
      fail(Errc::invalid, field("on"), "{} ({}) is before the certificate was issued ({})", field("on"),
           format_date(when), format_date(c.issued_on));
    Stmt u(impl, "UPDATE certificates SET revoked_on = ?, revoked_reason = ? WHERE number = ? AND revoked_on IS NULL");
    u.bind(format_date(when), why, c.number).exec();
    audit(impl, "revoke", "certificate", c.number, {{"number", c.number}, {"status", "valid"}},
          {{"number", c.number}, {"status", "revoked"}, {"revoked_on", format_date(when)}, {"revoked_reason", why}});
  });
}

Certificate certificate(Database& db, const std::string& number) {
  return detail::read(db, [&](Database::Impl& impl) { return detail::load_certificate(impl, number); });
}

std::string verification_text(const Certificate& c) {
  using detail::format_date;
  return fmt::format(
      "cadre certificate {}\nstaff_no: {}\nname: {}\ncourse: {}\ntitle: {}\nstart: {}\nend: {}\nhours: {}\n"
      "grade: {}\nissued_on: {}\norganizer: {}",
      c.number, c.staff_no, c.name, c.course, c.title, format_date(c.start), format_date(c.end),
      detail::plain_number(c.hours), c.grade, format_date(c.issued_on), c.organizer_name);
}

Report to_model(const Certificate& c) {
  Report r;
  r.kind = "certificate";
  r.title = detail::msg("Certificate {}", c.number);
  auto& k = r.data.set("certificate", Node::object());
  k.set("number", Node::string(c.number, Hint::id));
  k.set("status", Node::code(c.status));
  k.set("staff_no", Node::string(c.staff_no, Hint::id));
  k.set("name", Node::string(c.name));
  k.set("course", Node::string(c.course, Hint::id));
  k.set("title", Node::string(c.title));
  k.set("start", Node::date(detail::format_date(c.start)));
  k.set("end", Node::date(detail::format_date(c.end)));
  k.set("hours", Node::number(c.hours, Hint::hours));
  k.set("grade", Node::code(c.grade));
  k.set("issued_on", Node::date(detail::format_date(c.issued_on)));
  k.set("revoked_reason", Node::opt_string(c.revoked_reason));
  k.set("revoked_on", c.revoked_on ? Node::date(detail::format_date(*c.revoked_on)) : Node::null());
  k.set("organizer_name", Node::string(c.organizer_name));
  return r;
}

Report report_certificate(Database& db, const std::string& number) { return to_model(certificate(db, number)); }

Report certificate_page(Database& db, const std::string& number) {
  using detail::msg;
  using detail::page_date;
  Certificate c = certificate(db, number);
  Report r = to_model(c);
  r.kind = "certificate_show";
  std::string text = verification_text(c);
  r.data.set("verification_text", Node::string(text));
  CertificatePage p;
  p.heading = msg("Certificate of Completion");
  p.number = msg("No. {}", c.number);
  p.paragraphs.push_back(
      msg("{} (staff number {}), from {} to {}, took part in {} ({}): {} hours of study, grade {}; "
          "the course is completed.",
          c.name, c.staff_no, page_date(c.start), page_date(c.end), c.title, c.course, detail::plain_number(c.hours),
          detail::word("grade", c.grade)));
  p.paragraphs.push_back(msg("This certificate is awarded in witness thereof."));
  p.issuer = c.organizer_name;
  p.date = page_date(c.issued_on);
  p.qr_text = std::move(text);
  p.qr_caption = msg("Check it: cadre certificate verify {}", c.number);
  if (c.revoked_on) p.void_notice = msg("Revoked on {}: {}", page_date(*c.revoked_on), c.revoked_reason.value_or(""));
  r.certificate = std::move(p);
  return r;
}

}  // namespace cadre
