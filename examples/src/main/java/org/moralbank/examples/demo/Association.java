package org.moralbank.examples.demo;

import java.util.List;

/**
 * One savings branch (储蓄所) of the street, one per association, with the people it draws and
 * the services its members usually give.
 *
 * @param id the branch id (journal directory name)
 * @param chinese the association's name in Chinese
 * @param english the association's name in English
 * @param share members per 4,329 depositors
 * @param minAge youngest member on the first day of the year
 * @param maxAge oldest member on the first day of the year
 * @param services service types (catalogue codes) its members give individually
 * @param groupService the service type of its weekly group activity
 */
record Association(
    String id, String chinese, String english, int share, int minAge, int maxAge,
    List<String> services, String groupService) {

  static final String TRADE_UNION = "trade-union";
  static final String FLOWERS = "flowers";
  static final String MERCHANTS = "merchants";
  static final String CHILDREN = "children";

  /** The seven associations of the street office's report, in DOMAIN.md's order. */
  static final List<Association> ALL = List.of(
      new Association(TRADE_UNION, "社区工会", "Community trade union", 800, 22, 60,
          List.of("patrol", "errands", "housekeeping", "micro-wish", "mediation"), "patrol"),
      new Association(FLOWERS, "养花协会", "Flower-growing association", 600, 50, 87,
          List.of("greening", "companionship", "daily-care", "meal-delivery"), "greening"),
      new Association("calligraphy", "书画协会", "Calligraphy and painting association", 550, 45, 87,
          List.of("culture", "tutoring", "companionship", "legal-advice"), "culture"),
      new Association("science", "科普小组", "Popular-science group", 450, 20, 75,
          List.of("science", "tutoring", "health-care", "legal-advice"), "science"),
      new Association(MERCHANTS, "商户", "Local merchants", 350, 25, 65,
          List.of("meal-delivery", "errands", "micro-wish"), "patrol"),
      new Association("youth", "青年", "Young people", 800, 18, 35,
          List.of("tutoring", "patrol", "errands", "micro-wish", "meal-delivery"), "patrol"),
      new Association(CHILDREN, "少儿", "Small children", 779, 7, 17,
          List.of("culture", "greening", "micro-wish"), "culture"));

  /** The sum of the shares: the documented bank's 4,329 depositors. */
  static final int TOTAL_SHARE = ALL.stream().mapToInt(Association::share).sum();

  static Association byId(String id) {
    return ALL.stream().filter(a -> a.id.equals(id)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no association " + id));
  }

  /** The bilingual name journaled with the branch: no personal data. */
  String name() {
    return chinese + " " + english;
  }
}
