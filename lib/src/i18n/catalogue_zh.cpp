// The Chinese catalogue: every user-visible English message template, report field key and enum
// word with its Chinese text. Kept in one place; entries are sorted at start-up.
#include <algorithm>

#include "i18n/catalogue.hpp"

namespace cadre::detail {

const std::vector<CatalogueEntry>& catalogue_zh() {
  static const std::vector<CatalogueEntry> entries = [] {
    std::vector<CatalogueEntry> v = {
        // field keys
        {"code", "代码"}, {"name", "名称"}, {"kind", "类别"}, {"parent", "上级单位"},
        {"staff_no", "工号"}, {"unit", "单位"}, {"tier", "层级"}, {"rank", "职级"}, {"title", "职务"},
        {"gender", "性别"}, {"birth", "出生日期"}, {"id_number", "身份证号"},
        {"date", "日期"}, {"weekday", "星期"}, {"working", "工作日"}, {"working_days", "工作日数"},
        {"from", "起"}, {"to", "止"}, {"days", "天数"}, {"holiday", "节假日"}, {"workday", "调休上班"},
        {"key", "键"}, {"value", "值"}, {"seq", "序号"}, {"at", "时间"}, {"actor", "操作人"},
        {"operation", "操作"}, {"entity", "对象"}, {"before", "变更前"}, {"after", "变更后"},
        // enum words
        {"leader", "领导干部"}, {"general", "一般干部"}, {"m", "男"}, {"f", "女"},
        {"org_dept", "组织部"}, {"party_school", "党校"}, {"government", "政府机关"}, {"township", "乡镇"},
        {"enterprise", "企业"}, {"school", "学校"}, {"other", "其他"},
        {"add", "新增"}, {"update", "修改"}, {"delete", "删除"}, {"import", "导入"},
        {"yes", "是"}, {"no", "否"},
        // titles
        {"Units", "单位"}, {"People", "人员"}, {"Person", "人员"}, {"Calendar", "日历"}, {"Settings", "设置"},
        {"Audit log", "审计日志"}, {"Database", "数据库"},
    };
    std::sort(v.begin(), v.end(), [](auto& a, auto& b) { return a.id < b.id; });
    return v;
  }();
  return entries;
}

}  // namespace cadre::detail
