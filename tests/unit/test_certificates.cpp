// Certificate numbers: the format, the sequence that never goes back (revoked numbers are not made
// again), one valid certificate per person and course, and the verification text.
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "cadre/certificate.hpp"
#include "cadre/error.hpp"
#include "cadre/parse.hpp"
#include "cadre/people.hpp"
#include "cadre/training.hpp"
#include "store/store.hpp"
#include "test_support.hpp"
#include "training/certificates.hpp"

using namespace cadre;
namespace d = cadre::detail;

namespace {

Date day(const char* text) { return parse_date(text, "date"); }

// A course of one 4-hour session on 2026-03-09 with trainees P1..P3, all present (completers).
struct CertDb : test::TestDb {
  CertDb() {
    add_unit(db, {"SZDX", "市委党校", "party_school", std::nullopt});
    for (const char* no : {"P1", "P2", "P3"}) {
      PersonInput p;
      p.staff_no = no;
      p.name = std::string("N") + no;
      p.unit = "SZDX";
      add_person(db, p);
    }
    CourseInput c;
    c.code = "QN2026-1";
    c.title = "青年干部培训班";
    c.organizer = "SZDX";
    c.start = day("2026-03-09");
    c.end = day("2026-03-13");
    add_course(db, c);
    add_session(db, SessionInput{"QN2026-1", day("2026-03-09"), parse_clock("08:00", "start"),
                                 parse_clock("12:00", "end"), "s", std::nullopt, std::nullopt});
    enrol(db, "QN2026-1", {"P1", "P2", "P3"});
    attend(db, AttendanceInput{"QN2026-1", 1, {"P1", "P2", "P3"}, "present", std::nullopt});
  }
  CertificateIssueResult issue(std::vector<std::string> who) {
    return issue_certificates(db, {"QN2026-1", std::move(who), day("2026-03-14")});
  }
};

}  // namespace

TEST_CASE("certificate numbers: the course code and at least three digits") {
  CHECK(d::certificate_number("QN2026-1", 1) == "QN2026-1-001");
  CHECK(d::certificate_number("QN2026-1", 42) == "QN2026-1-042");
  CHECK(d::certificate_number("QN2026-1", 999) == "QN2026-1-999");
  CHECK(d::certificate_number("QN2026-1", 1000) == "QN2026-1-1000");
  // Codes that end like a number cannot collide: the sequence is digits after the last '-'.
  CHECK(d::certificate_number("A-1", 1) != d::certificate_number("A", 1001));
}

TEST_CASE("certificate numbers: a sequence per course that never goes back, revoked numbers kept") {
  CertDb t;
  auto first = t.issue({"P2"});
  REQUIRE(first.issued.size() == 1);
  CHECK(first.issued[0].number == "QN2026-1-001");
  auto rest = t.issue({});  // every completer: P1 and P3 new, P2 skipped
  REQUIRE(rest.issued.size() == 2);
  CHECK(rest.issued[0].number == "QN2026-1-002");
  CHECK(rest.issued[0].staff_no == "P1");
  CHECK(rest.issued[1].number == "QN2026-1-003");
  REQUIRE(rest.skipped.size() == 1);
  CHECK(rest.skipped[0].number == "QN2026-1-001");

  // The highest number revoked: the next is still one past it, and P3 gets a new one.
  revoke_certificate(t.db, "QN2026-1-003", "打印错误", day("2026-03-15"));
  CHECK(d::read(t.db, [](Database::Impl& impl) { return d::next_certificate_seq(impl, 1); }) == 4);
  auto again = t.issue({"P3"});
  REQUIRE(again.issued.size() == 1);
  CHECK(again.issued[0].number == "QN2026-1-004");
  CHECK(certificate(t.db, "QN2026-1-003").status == "revoked");
  CHECK(certificate(t.db, "QN2026-1-004").status == "valid");

  std::set<std::string> numbers;
  for (const char* n : {"QN2026-1-001", "QN2026-1-002", "QN2026-1-003", "QN2026-1-004"})
    numbers.insert(certificate(t.db, n).number);
  CHECK(numbers.size() == 4);
}

TEST_CASE("certificate: revoking twice is a conflict, an unknown number not found") {
  CertDb t;
  t.issue({"P1"});
  revoke_certificate(t.db, "QN2026-1-001", "reason", day("2026-03-14"));
  try {
    revoke_certificate(t.db, "QN2026-1-001", "again", day("2026-03-14"));
    FAIL("revoked twice");
  } catch (const Error& e) {
    CHECK(e.code() == Errc::conflict);
  }
  try {
    certificate(t.db, "QN2026-1-999");
    FAIL("unknown number found");
  } catch (const Error& e) {
    CHECK(e.code() == Errc::not_found);
  }
}

TEST_CASE("certificate: the verification text holds every printed field, status left out") {
  CertDb t;
  t.issue({"P1"});
  Certificate c = certificate(t.db, "QN2026-1-001");
  CHECK(verification_text(c) ==
        "cadre certificate QN2026-1-001\nstaff_no: P1\nname: NP1\ncourse: QN2026-1\ntitle: 青年干部培训班\n"
        "start: 2026-03-09\nend: 2026-03-13\nhours: 4\ngrade: pass\nissued_on: 2026-03-14\norganizer: 市委党校");
}
