// A C++ program using libcadre: records a cadre, enrols him in a course with attendance and a score,
// sends him on a secondment with a host-unit evaluation, and prints his summary report.
// Errors are cadre::Error; its code is the CLI's exit code, returned here as well.
#include <cadre/database.hpp>
#include <cadre/error.hpp>
#include <cadre/people.hpp>
#include <cadre/render.hpp>
#include <cadre/secondment.hpp>
#include <cadre/training.hpp>

#include <cstdint>
#include <iostream>

namespace {

// Runs one step; a record that is already there is fine, so the program can run again.
// Returns whether the step did something.
template <typename F>
bool step(F&& f) {
  try {
    f();
    return true;
  } catch (const cadre::Error& e) {
    if (e.code() != cadre::Errc::conflict) throw;
    return false;
  }
}

void record(cadre::Database& db) {
  step([&] { cadre::add_unit(db, {"QXORG", "青溪区委组织部", "org_dept", std::nullopt}); });
  step([&] {
    cadre::PersonInput p;
    p.staff_no = "A1001";
    p.name = "王建国";
    p.unit = "QXORG";
    p.tier = "leader";
    p.rank = "四级调研员";
    cadre::add_person(db, p);
  });
  step([&] { cadre::add_unit(db, {"SZDX", "市委党校", "party_school", std::nullopt}); });
  step([&] { cadre::add_unit(db, {"HXZ", "河西镇人民政府", "township", std::nullopt}); });

  // Training: a one-session course with an exam; enrol, attend, assess (first run only).
  cadre::CourseInput course;
  course.code = "QN2026-1";
  course.title = "2026年青年干部培训班";
  course.organizer = "SZDX";
  using namespace std::chrono;  // dates are typed values: 2026y / March / 9; clock times minutes since midnight
  course.start = 2026y / March / 9;
  course.end = 2026y / March / 13;
  course.components = {{"exam", 1.0}};
  if (step([&] { cadre::add_course(db, course); })) {
    cadre::add_session(db,
                       {"QN2026-1", 2026y / March / 9, 8h + 30min, 12h, "开班式与专题辅导", "王教授", std::nullopt});
    for (const auto& e : cadre::enrol(db, "QN2026-1", {"A1001"})) std::cout << e.staff_no << " " << e.status << "\n";
    cadre::attend(db, {"QN2026-1", 1, {"A1001"}, "present", std::nullopt});
    cadre::assess(db, {"QN2026-1", "A1001", "exam", 93});
  }

  // Secondment with an evaluation by the host unit (first run only).
  std::int64_t id = 0;
  if (step([&] {
        using namespace std::chrono;  // dates are typed values: 2026y / April / 1
        id = cadre::add_secondment(db, {"A1001", "QXORG", "HXZ", "党委副书记", 2026y / April / 1, 2027y / March / 31,
                                        std::string("2026-青溪-1"), std::nullopt});
      })) {
    cadre::evaluate(db, {id, "midterm", "host", 95, 92, 94, 93, 96, std::nullopt, std::string("踏实肯干")});
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: summary DATABASE\n";
    return 2;
  }
  try {
    std::cout << "cadre " << cadre::version() << "\n";
    cadre::Database db(argv[1]);
    db.set_actor("main.cpp");
    record(db);
    std::cout << cadre::render(cadre::report_person(db, "A1001", std::nullopt), {"table", "en", 0}) << "\n";
    return 0;
  } catch (const cadre::Error& e) {
    std::cerr << "summary: " << e.what() << "\n";
    return static_cast<int>(e.code());
  }
}
