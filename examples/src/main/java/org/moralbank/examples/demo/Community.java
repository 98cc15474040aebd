package org.moralbank.examples.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.moralbank.timebank.member.Circumstance;
import org.moralbank.timebank.member.InMemoryMemberRegistry;
import org.moralbank.timebank.member.MemberId;
import org.moralbank.timebank.member.MemberProfile;
import org.moralbank.timebank.member.Relation;

/**
 * The street's depositors, drawn from a seeded {@link Random}: ages 7 to 87, the association they
 * belong to, how active they are, guardians for the minors, elderly parents for gifts, elderly
 * residents living alone or bereaved of an only child for grants, and the branches' staff.
 * Personal data lives only in {@link #registry}; the journals see pseudonyms ({@code m0001}).
 */
final class Community {
  /** How often a resident serves. */
  enum Activity { DORMANT, OCCASIONAL, REGULAR, DEVOTED }

  /** One depositor. Mutable only while the community is generated. */
  static final class Resident {
    final MemberId id;
    final Association home;
    final int age;
    final LocalDate birthDate;
    Activity activity = Activity.DORMANT;
    boolean staff;
    MemberId guardian;
    Resident parent;
    Circumstance circumstance;

    Resident(MemberId id, Association home, int age, LocalDate birthDate) {
      this.id = id;
      this.home = home;
      this.age = age;
      this.birthDate = birthDate;
    }

    /** A minor on the first day of the year, when the demo enrols them with a guardian. */
    boolean minor() {
      return age < 18;
    }

    /**
     * A minor on {@code day}, as the bank sees it: it computes the age from the birth date on its
     * current day, so a seventeen-year-old who turns 18 during the year no longer needs consent.
     */
    boolean minorOn(LocalDate day) {
      return birthDate.plusYears(18).isAfter(day);
    }

    @Override
    public String toString() {
      return id + "(" + home.id() + ", " + age + ")";
    }
  }

  /** A branch's two coordinators: one records service (谁记录谁证明), the other reviews it. */
  record Staff(MemberId recorder, MemberId reviewer) {}

  private static final String SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗";
  private static final String GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华兰";

  final List<Resident> residents;
  final Map<String, Staff> staff;
  final List<MemberId> council;
  final InMemoryMemberRegistry registry;

  private Community(List<Resident> residents, Map<String, Staff> staff, List<MemberId> council,
      InMemoryMemberRegistry registry) {
    this.residents = List.copyOf(residents);
    this.staff = Collections.unmodifiableMap(staff);
    this.council = List.copyOf(council);
    this.registry = registry;
  }

  /**
   * Draws {@code depositors} residents, shared between the associations as in the report, the
   * youngest 7 and the oldest 87 years old on {@code firstDay}.
   */
  static Community generate(Random random, int depositors, LocalDate firstDay) {
    List<Resident> all = new ArrayList<>();
    int[] sizes = sizes(depositors);
    int n = 0;
    for (int b = 0; b < Association.ALL.size(); b++) {
      Association a = Association.ALL.get(b);
      for (int i = 0; i < sizes[b]; i++) {
        n++;
        int age;
        if (i == 0 && a.id().equals(Association.CHILDREN)) {
          age = a.minAge(); // the youngest depositor: 7
        } else if (i == 0 && a.id().equals(Association.FLOWERS)) {
          age = a.maxAge(); // the oldest: 87
        } else {
          age = a.minAge() + random.nextInt(a.maxAge() - a.minAge() + 1);
        }
        // Born 1 to 364 days after the day of the year's first day: exactly `age` on that day.
        LocalDate birth = firstDay.minusYears(age).minusDays(1 + random.nextInt(364));
        all.add(new Resident(MemberId.of(String.format("m%04d", n)), a, age, birth));
      }
    }
    List<Resident> adults = all.stream().filter(r -> !r.minor()).toList();

    // Staff: two coordinators per branch (teachers from the young people and the science group
    // for the children), and a moral review council (道德评议会) of three retired residents.
    Map<String, Staff> staff = new LinkedHashMap<>();
    for (Association a : Association.ALL) {
      List<Resident> pool = a.id().equals(Association.CHILDREN)
          ? adults.stream().filter(r -> r.age >= 25 && r.age <= 60 && r.home.id().matches("youth|science")).toList()
          : adults.stream().filter(r -> r.home == a && r.age >= 25 && r.age <= 65).toList();
      staff.put(a.id(), new Staff(pickStaff(random, pool).id, pickStaff(random, pool).id));
    }
    List<Resident> seniors = adults.stream().filter(r -> r.age >= 60 && r.age <= 75).toList();
    List<MemberId> council = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      council.add(pickStaff(random, seniors).id);
    }

    List<Resident> parentsAge = adults.stream().filter(r -> r.age >= 28 && r.age <= 50 && !r.staff).toList();
    List<Resident> elders = adults.stream().filter(r -> r.age >= 55 && !r.staff).toList();
    for (Resident r : all) {
      if (r.staff) {
        continue;
      }
      if (r.minor()) {
        r.guardian = parentsAge.get(random.nextInt(parentsAge.size())).id;
        double p = random.nextDouble();
        r.activity = p < 0.12 ? Activity.REGULAR : p < 0.45 ? Activity.OCCASIONAL : Activity.DORMANT;
        continue;
      }
      double p = random.nextDouble();
      double devoted = r.age >= 55 ? 0.035 : 0.01;
      r.activity = p < devoted ? Activity.DEVOTED
          : p < devoted + 0.22 ? Activity.REGULAR
          : p < devoted + 0.55 ? Activity.OCCASIONAL
          : Activity.DORMANT;
      boolean mayHaveParent = r.age >= 25 && r.age <= 58;
      double parentChance = r.activity == Activity.DEVOTED ? 0.6 : 0.12;
      if (mayHaveParent && random.nextDouble() < parentChance) {
        Resident parent = elders.get(random.nextInt(elders.size()));
        if (parent.age >= r.age + 18) {
          r.parent = parent;
        }
      }
      if (r.age >= 65) {
        double c = random.nextDouble();
        r.circumstance = c < 0.12 ? Circumstance.LIVING_ALONE
            : c < 0.16 ? Circumstance.BEREAVED_OF_ONLY_CHILD
            : null;
      }
    }

    InMemoryMemberRegistry registry = new InMemoryMemberRegistry();
    for (Resident r : all) {
      String name = SURNAMES.charAt(random.nextInt(SURNAMES.length()))
          + "" + GIVEN.charAt(random.nextInt(GIVEN.length()));
      MemberProfile p = MemberProfile.of(r.id, name, r.birthDate);
      if (r.guardian != null) {
        p = p.withGuardian(r.guardian);
      }
      if (r.parent != null) {
        p = p.withRelation(r.parent.id, Relation.PARENT);
      }
      if (r.circumstance != null) {
        p = p.withCircumstances(r.circumstance);
      }
      registry.put(p);
    }
    return new Community(all, staff, council, registry);
  }

  private static Resident pickStaff(Random random, List<Resident> pool) {
    for (int tries = 0; tries < 1000; tries++) {
      Resident r = pool.get(random.nextInt(pool.size()));
      if (!r.staff) {
        r.staff = true;
        return r;
      }
    }
    throw new IllegalArgumentException("too few residents to staff the branches");
  }

  /** Members per association: the report's shares scaled to {@code depositors}, summing exactly. */
  static int[] sizes(int depositors) {
    int count = Association.ALL.size();
    int[] sizes = new int[count];
    int assigned = 0;
    for (int i = 0; i < count; i++) {
      sizes[i] = depositors * Association.ALL.get(i).share() / Association.TOTAL_SHARE;
      assigned += sizes[i];
    }
    for (int i = 0; assigned < depositors; i = (i + 1) % count) {
      sizes[i]++;
      assigned++;
    }
    return sizes;
  }
}
