package org.moralbank.examples.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.moralbank.examples.demo.Community.Activity;
import org.moralbank.examples.demo.Community.Resident;
import org.moralbank.ledger.Minutes;
import org.moralbank.timebank.ApproveService;
import org.moralbank.timebank.Balance;
import org.moralbank.timebank.Booking;
import org.moralbank.timebank.BookingRef;
import org.moralbank.timebank.BookingStatus;
import org.moralbank.timebank.Branch;
import org.moralbank.timebank.Cancellation;
import org.moralbank.timebank.Deduction;
import org.moralbank.timebank.Delivery;
import org.moralbank.timebank.Donation;
import org.moralbank.timebank.Gift;
import org.moralbank.timebank.Grant;
import org.moralbank.timebank.GrantAllocation;
import org.moralbank.timebank.GrantRequest;
import org.moralbank.timebank.Proposal;
import org.moralbank.timebank.ProposalRef;
import org.moralbank.timebank.ProposalStatus;
import org.moralbank.timebank.Redemption;
import org.moralbank.timebank.RejectService;
import org.moralbank.timebank.ServiceRecord;
import org.moralbank.timebank.SweepReport;
import org.moralbank.timebank.TimeBank;
import org.moralbank.timebank.member.MemberId;

/**
 * A year of the street's moral bank, day by day on the simulated clock. Every choice is drawn
 * from one seeded {@link Random} in a fixed order, so the same seed makes the same year.
 *
 * <p>A day: 09:00 coordinators and the review council decide yesterday's records; 10:00 bookings
 * are delivered or cancelled and new ones made (services from members, rewards at the merchants'
 * branch); 12:00 on fixed days of the month donations, grant requests and allocations, gifts to
 * elderly parents and the democratic review's deductions; Saturdays 09:00-11:00 each association
 * holds a group activity; 20:30 the day's service is recorded at the stations where it was given;
 * 23:00 the daily sweep.
 */
final class Year {
  /** Called at the end of the day chosen for the mid-year checkpoint. */
  interface MidYear {
    void reached(LocalDate day) throws IOException;
  }

  /** The home elderly care services that elderly members book with their hours. */
  static final List<String> CARE = List.of(
      "daily-care", "companionship", "errands", "meal-delivery", "housekeeping", "health-care");
  /** Council review (道德评议会, quorum 2 of 3) for these; one coordinator for the rest. */
  static final List<String> COUNCIL_REVIEWED = List.of("mediation", "legal-advice");

  private static final String[] REJECTIONS = {
    "the beneficiary did not confirm the service",
    "duplicate of a paper record already entered",
    "not in the service station's sign-in sheet",
  };
  private static final String[][] REWARDS = {
    {"haircut", "60"}, {"bike-repair", "60"}, {"stationery", "60"}, {"photo-print", "30"},
    {"movie-ticket", "180"}, {"tea-house-voucher", "120"}, {"rice-and-oil", "300"},
  };
  private static final int GRANT_REQUEST_MINUTES = 360;

  private record Review(ProposalRef ref, String station, boolean council, MemberId volunteer) {}

  private enum Settlement { DELIVER, CANCEL, FORGET }

  private record Plan(BookingRef ref, LocalDate due, Settlement what, MemberId by) {}

  private record Approved(ProposalRef ref, String station, MemberId volunteer, Minutes credit) {}

  private final TimeBank bank;
  private final Community community;
  private final SimulatedClock clock;
  private final Random random;
  private final Tally tally;
  private final LocalDate firstDay;
  private final int days;
  private final PrintStream progress;
  private final Map<String, Branch> branches = new LinkedHashMap<>();

  private final List<Resident> volunteers;
  private final List<Resident> elderly;
  private final List<Resident> beneficiaries;
  private final List<Resident> adults;
  private final Map<String, List<Resident>> providers = new HashMap<>();
  private final Map<String, List<Resident>> groupPool = new HashMap<>();

  private List<Review> toReview = new ArrayList<>();
  private final List<Plan> plans = new ArrayList<>();
  private final List<BookingRef> forgotten = new ArrayList<>();
  private final List<Approved> recentlyApproved = new ArrayList<>();
  private final Map<MemberId, Long> openGrantRequests = new LinkedHashMap<>();
  private final Set<MemberId> stoppedGiving = new HashSet<>();
  private final Map<MemberId, List<int[]>> busy = new HashMap<>();
  private final long started = System.nanoTime();

  Year(TimeBank bank, Community community, SimulatedClock clock, Random random, Tally tally,
      LocalDate firstDay, int days, PrintStream progress) {
    this.bank = bank;
    this.community = community;
    this.clock = clock;
    this.random = random;
    this.tally = tally;
    this.firstDay = firstDay;
    this.days = days;
    this.progress = progress;
    for (Association a : Association.ALL) {
      branches.put(a.id(), bank.branch(a.id()));
    }
    List<Resident> all = community.residents.stream().filter(r -> !r.staff).toList();
    volunteers = all.stream().filter(r -> r.activity != Activity.DORMANT).toList();
    elderly = all.stream().filter(r -> r.age >= 65).toList();
    beneficiaries = all.stream().filter(r -> r.age >= 70).toList();
    adults = all.stream().filter(r -> !r.minor()).toList();
    for (Association a : Association.ALL) {
      providers.put(a.id(), volunteers.stream()
          .filter(r -> r.home == a && r.age >= 18 && r.age <= 72).toList());
      groupPool.put(a.id(), all.stream().filter(r -> r.home == a).toList());
    }
  }

  /** The day of the mid-year checkpoint: the last month end in the first half, else the halfway day. */
  static LocalDate midYear(LocalDate firstDay, int days) {
    LocalDate half = firstDay.plusDays(days / 2);
    LocalDate monthEnd = half.withDayOfMonth(1).minusDays(1);
    return monthEnd.isBefore(firstDay) ? firstDay.plusDays(Math.max(0, days / 2 - 1)) : monthEnd;
  }

  void run(MidYear midYear) throws IOException {
    LocalDate mid = midYear(firstDay, days);
    for (int d = 0; d < days; d++) {
      LocalDate day = firstDay.plusDays(d);
      boolean last = d == days - 1;
      busy.clear();
      clock.advanceTo(day, LocalTime.of(9, 0));
      review(toReview);
      toReview = new ArrayList<>();
      clock.advanceTo(day, LocalTime.of(10, 0));
      settle(day);
      bookServices(day);
      bookRewards(day);
      clock.advanceTo(day, LocalTime.of(12, 0));
      switch (day.getDayOfMonth()) {
        case 1 -> donate();
        case 2 -> requestGrants();
        case 3 -> allocateGrants();
        case 15 -> gift();
        case 20 -> deduct();
        default -> { }
      }
      List<Runnable> recordings = new ArrayList<>();
      if (day.getDayOfWeek() == DayOfWeek.SATURDAY) {
        planGroupActivities(day, recordings);
      }
      planServices(day, recordings);
      clock.advanceTo(day, LocalTime.of(20, 30));
      recordings.forEach(Runnable::run);
      if (last) {
        // The year's last records are decided the same evening, so the books close complete.
        clock.advanceTo(day, LocalTime.of(22, 0));
        review(toReview);
        toReview = new ArrayList<>();
      }
      clock.advanceTo(day, LocalTime.of(23, 0));
      SweepReport sweep = bank.sweep();
      tally.proposalsExpired += sweep.proposalsExpired();
      if (last || day.plusDays(1).getDayOfMonth() == 1) {
        progressLine(day);
      }
      if (day.equals(mid)) {
        midYear.reached(day);
      }
    }
    for (BookingRef ref : forgotten) {
      Optional<Booking> b = branches.get(ref.branch()).booking(ref);
      if (b.isPresent() && b.get().status() == BookingStatus.EXPIRED) {
        tally.bookingsExpired++;
      }
    }
  }

  // ---- service ----

  private void planGroupActivities(LocalDate day, List<Runnable> recordings) {
    Instant start = clock.at(day, LocalTime.of(9, 0));
    Instant end = clock.at(day, LocalTime.of(11, 0));
    for (Association a : Association.ALL) {
      List<Resident> pool = groupPool.get(a.id());
      int want = Math.min(8 + random.nextInt(13), pool.size() / 3);
      Set<Resident> chosen = new java.util.LinkedHashSet<>();
      for (int tries = 0; chosen.size() < want && tries < want * 4; tries++) {
        Resident r = pool.get(random.nextInt(pool.size()));
        if (r.activity != Activity.DORMANT || random.nextInt(4) == 0) {
          chosen.add(r);
        }
      }
      if (random.nextInt(10) < 3) {
        // Neighbours from another association join in (deposit anywhere, 通存).
        Resident guest = volunteers.get(random.nextInt(volunteers.size()));
        if (!guest.minor() || a.id().equals(Association.CHILDREN)) {
          chosen.add(guest);
        }
      }
      List<MemberId> ids = new ArrayList<>();
      Set<MemberId> consents = new TreeSet<>();
      for (Resident r : chosen) {
        if (free(r, 9 * 60, 11 * 60)) {
          occupy(r, 9 * 60, 11 * 60);
          ids.add(r.id);
          if (r.minor()) {
            consents.add(r.guardian);
          }
        }
      }
      if (ids.size() < 2) {
        continue;
      }
      MemberId recorder = community.staff.get(a.id()).recorder();
      ServiceRecord record = new ServiceRecord(
          ids, true, a.groupService(), start, end, Optional.empty(), recorder, consents);
      recordings.add(() -> {
        ProposalRef ref = tally.accepted(branches.get(a.id()).recordService(record));
        if (ref != null) {
          tally.groupActivities++;
          tally.groupCredits += ids.size();
          toReview.add(new Review(ref, a.id(), false, null));
        }
      });
    }
  }

  private void planServices(LocalDate day, List<Runnable> recordings) {
    for (Resident r : volunteers) {
      double rate = switch (r.activity) {
        case DEVOTED -> 0.15;
        case REGULAR -> 1.0 / 60;
        case OCCASIONAL -> 1.0 / 240;
        case DORMANT -> 0;
      };
      if (random.nextDouble() >= rate) {
        continue;
      }
      Association station = r.minor() || random.nextInt(100) < 85 ? r.home : otherThan(r.home);
      String type = station.services().get(random.nextInt(station.services().size()));
      boolean devoted = r.activity == Activity.DEVOTED;
      // Now and then the most devoted work an eight-hour shift and then an evening patrol.
      boolean doubleShift = devoted && random.nextInt(30) == 0;
      int minutes = doubleShift ? 480 : devoted ? 240 + 30 * random.nextInt(9) : 60 + 30 * random.nextInt(5);
      int from = doubleShift ? 7 * 60 : 7 * 60 + 30 * random.nextInt((12 * 60 - minutes) / 30 + 1);
      if (!free(r, from, from + minutes)) {
        continue;
      }
      occupy(r, from, from + minutes);
      Optional<MemberId> beneficiary = Optional.empty();
      if (CARE.contains(type)) {
        Resident b = beneficiaries.get(random.nextInt(beneficiaries.size()));
        if (b != r) {
          beneficiary = Optional.of(b.id);
        }
      }
      Community.Staff staff = community.staff.get(station.id());
      Instant start = clock.at(day, LocalTime.of(0, 0)).plus(Duration.ofMinutes(from));
      ServiceRecord record = new ServiceRecord(List.of(r.id), false, type, start,
          start.plus(Duration.ofMinutes(minutes)), beneficiary, staff.recorder(),
          r.minor() ? Set.of(r.guardian) : Set.of());
      int mishap = random.nextInt(1000);
      recordings.add(() -> record(r, station, record, mishap, doubleShift));
    }
  }

  /**
   * Records one service at its station, with the mishaps a real counter sees: a minor's record
   * without the guardian's consent, a type not in the catalogue, tomorrow's service entered
   * today, the same service entered twice, and a second shift that breaks the daily maximum.
   */
  private void record(Resident r, Association station, ServiceRecord record, int mishap, boolean doubleShift) {
    Branch branch = branches.get(station.id());
    // Only while the bank still sees a minor: one who has turned 18 needs no consent, and the
    // record without it would stand (and the real one then overlap it).
    if (r.minorOn(clock.today()) && mishap < 80) {
      tally.accepted(branch.recordService(new ServiceRecord(record.volunteers(), false,
          record.serviceType(), record.start(), record.end(), record.beneficiary(), record.recorder(), Set.of())));
    } else if (mishap >= 998) {
      tally.accepted(branch.recordService(new ServiceRecord(record.volunteers(), false,
          "calligraphy-class", record.start(), record.end(), record.beneficiary(), record.recorder(),
          record.consents())));
    } else if (mishap >= 995) {
      Duration tomorrow = Duration.ofDays(1);
      tally.accepted(branch.recordService(new ServiceRecord(record.volunteers(), false,
          record.serviceType(), record.start().plus(tomorrow), record.end().plus(tomorrow),
          record.beneficiary(), record.recorder(), record.consents())));
    }
    ProposalRef ref = tally.accepted(branch.recordService(record));
    if (ref == null) {
      return;
    }
    tally.servicesRecorded++;
    if (station != r.home) {
      tally.servicesAtOtherBranch++;
    }
    toReview.add(new Review(ref, station.id(), COUNCIL_REVIEWED.contains(record.serviceType()), r.id));
    if (mishap >= 985 && mishap < 995) {
      // The second coordinator enters the same service again from a paper sheet.
      MemberId other = community.staff.get(station.id()).reviewer();
      tally.accepted(branch.recordService(new ServiceRecord(record.volunteers(), false,
          record.serviceType(), record.start(), record.end(), record.beneficiary(), other, record.consents())));
    }
    if (doubleShift) {
      // An evening patrol straight after an eight-hour shift: thirteen hours in one day.
      Instant end = record.end();
      tally.accepted(branch.recordService(ServiceRecord.individual(
          r.id, "patrol", end, end.plus(Duration.ofHours(5)), record.recorder())));
    }
  }

  private void review(List<Review> reviews) {
    for (Review v : reviews) {
      Branch branch = branches.get(v.station());
      Community.Staff staff = community.staff.get(v.station());
      int roll = random.nextInt(1000);
      clock.tick(Duration.ofSeconds(20));
      if (roll < 4) {
        continue; // nobody decides: it expires after the review window
      }
      Proposal decided;
      if (v.council()) {
        List<MemberId> council = community.council;
        if (roll < 100) {
          tally.accepted(branch.reject(new RejectService(v.ref(), council.get(0), REJECTIONS[roll % 3])));
          tally.councilVotes++;
          tally.accepted(branch.approve(new ApproveService(v.ref(), council.get(1))));
          decided = tally.accepted(branch.approve(new ApproveService(v.ref(), council.get(2))));
        } else {
          tally.accepted(branch.approve(new ApproveService(v.ref(), council.get(0))));
          decided = tally.accepted(branch.approve(new ApproveService(v.ref(), council.get(1))));
        }
        tally.councilVotes += 2;
      } else if (roll < 30) {
        decided = tally.accepted(branch.reject(new RejectService(v.ref(), staff.reviewer(), REJECTIONS[roll % 3])));
      } else {
        if (roll < 36) {
          // The recorder tries to approve their own record: whoever records may not certify it.
          tally.accepted(branch.approve(new ApproveService(v.ref(), staff.recorder())));
        }
        decided = tally.accepted(branch.approve(new ApproveService(v.ref(), staff.reviewer())));
      }
      if (decided == null) {
        continue;
      }
      if (decided.status() == ProposalStatus.APPROVED) {
        tally.approved++;
        if (v.volunteer() != null) {
          recentlyApproved.add(new Approved(v.ref(), v.station(), v.volunteer(), decided.credit()));
        }
      } else if (decided.status() == ProposalStatus.REJECTED) {
        tally.rejectedAtReview++;
      }
    }
  }

  /** Democratic review (民主评议): one record a month is found untrue and its credit deducted. */
  private void deduct() {
    if (recentlyApproved.isEmpty()) {
      return;
    }
    Approved a = recentlyApproved.get(random.nextInt(recentlyApproved.size()));
    recentlyApproved.clear();
    Minutes taken = tally.accepted(branches.get(a.station()).deduct(Deduction.of(a.volunteer(), a.credit(),
        "found untrue at the democratic review", community.staff.get(a.station()).reviewer()).correcting(a.ref())));
    if (taken != null) {
      tally.deductions++;
    }
  }

  // ---- redemption ----

  private void settle(LocalDate day) {
    List<Plan> due = new ArrayList<>();
    plans.removeIf(p -> !p.due().isAfter(day) && due.add(p));
    for (Plan p : due) {
      clock.tick(Duration.ofSeconds(30));
      Branch branch = branches.get(p.ref().branch());
      if (p.what() == Settlement.DELIVER) {
        if (tally.accepted(branch.deliver(new Delivery(p.ref(), p.by()))) != null) {
          tally.delivered++;
        }
      } else if (tally.accepted(branch.cancel(new Cancellation(p.ref(), p.by()))) != null) {
        tally.cancelled++;
      }
    }
  }

  /** Elderly members book home care with their hours, at home or at another branch (通兑). */
  private void bookServices(LocalDate day) {
    int attempts = random.nextInt(Math.max(1, elderly.size() / 60) + 1);
    for (int i = 0; i < attempts; i++) {
      Resident e = elderly.get(random.nextInt(elderly.size()));
      long minutes = 60 + 30 * random.nextInt(5);
      boolean tryAnyway = random.nextInt(10) == 0;
      if (available(e) < minutes && !tryAnyway) {
        continue;
      }
      Association serving = random.nextInt(100) < 75 ? e.home : otherThan(e.home);
      List<Resident> pool = providers.get(serving.id());
      Resident provider = pool.get(random.nextInt(pool.size()));
      if (provider == e) {
        continue;
      }
      String type = CARE.get(random.nextInt(CARE.size()));
      clock.tick(Duration.ofSeconds(30));
      BookingRef ref = tally.accepted(branches.get(serving.id())
          .redeem(Redemption.service(e.id, provider.id, type, Minutes.of(minutes))));
      if (ref == null) {
        continue;
      }
      tally.bookings++;
      if (serving != e.home) {
        tally.redemptionsAtOtherBranch++;
      }
      int roll = random.nextInt(100);
      if (roll < 88) {
        plans.add(new Plan(ref, day.plusDays(1 + random.nextInt(4)), Settlement.DELIVER, e.id));
      } else if (roll < 96) {
        plans.add(new Plan(ref, day.plusDays(random.nextInt(3)), Settlement.CANCEL,
            roll % 2 == 0 ? provider.id : e.id));
      } else {
        forgotten.add(ref); // nobody confirms it: it expires after the booking timeout
      }
    }
  }

  /** Rewards at the local merchants' branch, for members of every association. */
  private void bookRewards(LocalDate day) {
    Branch merchants = branches.get(Association.MERCHANTS);
    MemberId clerk = community.staff.get(Association.MERCHANTS).reviewer();
    int attempts = random.nextInt(Math.max(1, community.residents.size() / 700) + 1);
    for (int i = 0; i < attempts; i++) {
      List<Resident> pool = random.nextInt(5) == 0 ? volunteers : adults;
      Resident r = pool.get(random.nextInt(pool.size()));
      String[] reward = REWARDS[random.nextInt(REWARDS.length)];
      long minutes = Long.parseLong(reward[1]);
      if (available(r) < minutes && random.nextInt(8) != 0) {
        continue;
      }
      Redemption redemption = Redemption.reward(r.id, reward[0], Minutes.of(minutes));
      if (r.minor() && random.nextInt(10) != 0) {
        redemption = redemption.withConsent(r.guardian);
      }
      clock.tick(Duration.ofSeconds(30));
      BookingRef ref = tally.accepted(merchants.redeem(redemption));
      if (ref == null) {
        continue;
      }
      tally.bookings++;
      tally.rewardBookings++;
      if (r.home.id().equals(Association.MERCHANTS)) {
        plans.add(new Plan(ref, day, Settlement.DELIVER, clerk));
      } else {
        tally.redemptionsAtOtherBranch++;
        boolean cancel = random.nextInt(20) == 0;
        plans.add(new Plan(ref, day.plusDays(1), cancel ? Settlement.CANCEL : Settlement.DELIVER,
            cancel ? r.id : clerk));
      }
    }
  }

  // ---- gifts, donations, grants ----

  /** Adult children give hours to their elderly parents (at the parent's branch). */
  private void gift() {
    for (Resident r : adults) {
      if (r.parent == null || stoppedGiving.contains(r.id)) {
        continue;
      }
      long available = available(r);
      if (available < 120) {
        continue;
      }
      long minutes = r.activity == Activity.DEVOTED
          ? Math.min(available, 15 * 60)
          : 60L * (1 + random.nextInt((int) Math.min(6, available / 120)));
      clock.tick(Duration.ofSeconds(30));
      Branch at = branches.get(r.parent.home.id());
      Minutes given = tally.accepted(at.gift(Gift.of(r.id, r.parent.id, Minutes.of(minutes))));
      if (given != null) {
        tally.gifts++;
      } else {
        stoppedGiving.add(r.id); // too young a parent, or this year's cap reached
      }
    }
    // Someone tries to give hours to an elderly neighbour: only relatives may receive gifts.
    Resident giver = adults.get(random.nextInt(adults.size()));
    Resident neighbour = elderly.get(random.nextInt(elderly.size()));
    if (available(giver) >= 60 && giver != neighbour && giver.parent != neighbour) {
      tally.accepted(branches.get(neighbour.home.id()).gift(Gift.of(giver.id, neighbour.id, Minutes.of(60))));
    }
  }

  /**
   * Group hours may only be donated: holders of six hours or more give them to their branch's
   * pool or to the flower-growing association's, where most of the elderly are. The most devoted
   * near the balance cap donate main hours too.
   */
  private void donate() {
    long cap = bank.config().policiesOn(clock.instant().atZone(clock.getZone()).toLocalDate())
        .balanceCap().map(Minutes::value).orElse(Long.MAX_VALUE);
    for (Resident r : volunteers) {
      Optional<Balance> b = branches.get(r.home.id()).balance(r.id);
      if (b.isEmpty()) {
        continue;
      }
      long donateOnly = b.get().donateOnly().value();
      long amount = 0;
      if (donateOnly >= 360 && random.nextBoolean()) {
        amount = donateOnly;
      }
      if (r.activity == Activity.DEVOTED && b.get().total().value() >= cap - 20 * 60
          && b.get().available().value() >= 20 * 60) {
        amount += 20 * 60;
      }
      if (amount == 0) {
        continue;
      }
      Association to = random.nextInt(10) < 3 ? Association.byId(Association.FLOWERS) : r.home;
      Donation donation = Donation.of(r.id, Minutes.of(amount));
      if (r.minor()) {
        donation = donation.withConsent(r.guardian);
      }
      clock.tick(Duration.ofSeconds(30));
      if (tally.accepted(branches.get(to.id()).donate(donation)) != null) {
        tally.donations++;
        if (to != r.home) {
          tally.donationsToOtherBranch++;
        }
      }
    }
  }

  /** Elderly members living alone or bereaved of an only child ask their branch for hours. */
  private void requestGrants() {
    for (Resident r : elderly) {
      if (r.circumstance == null || openGrantRequests.containsKey(r.id)) {
        continue;
      }
      clock.tick(Duration.ofSeconds(30));
      if (tally.accepted(branches.get(r.home.id())
          .requestGrant(new GrantRequest(r.id, Minutes.of(GRANT_REQUEST_MINUTES)))) != null) {
        tally.grantRequests++;
        openGrantRequests.put(r.id, (long) GRANT_REQUEST_MINUTES);
      }
    }
  }

  private void allocateGrants() {
    for (Association a : Association.ALL) {
      clock.tick(Duration.ofSeconds(30));
      List<Grant> grants = tally.accepted(branches.get(a.id())
          .allocateGrants(new GrantAllocation(community.staff.get(a.id()).reviewer())));
      if (grants == null) {
        continue;
      }
      for (Grant g : grants) {
        tally.grantsPaid++;
        long left = openGrantRequests.getOrDefault(g.member(), 0L) - g.minutes().value();
        if (left <= 0) {
          openGrantRequests.remove(g.member());
        } else {
          openGrantRequests.put(g.member(), left);
        }
      }
    }
  }

  // ---- helpers ----

  private long available(Resident r) {
    return branches.get(r.home.id()).balance(r.id).map(b -> b.available().value()).orElse(0L);
  }

  private Association otherThan(Association home) {
    while (true) {
      Association a = Association.ALL.get(random.nextInt(Association.ALL.size()));
      if (a != home && !a.id().equals(Association.CHILDREN)) {
        return a;
      }
    }
  }

  private boolean free(Resident r, int from, int to) {
    for (int[] i : busy.getOrDefault(r.id, List.of())) {
      if (i[0] < to && from < i[1]) {
        return false;
      }
    }
    return true;
  }

  private void occupy(Resident r, int from, int to) {
    busy.computeIfAbsent(r.id, k -> new ArrayList<>()).add(new int[] {from, to});
  }

  private void progressLine(LocalDate day) {
    long records = 0;
    for (Branch b : branches.values()) {
      records += b.position().size();
    }
    // Services: individual records and group activities, as both are reviewed and approved.
    progress.printf("  %s  服务 services %,6d  批准 approved %,6d  兑换 bookings %,5d  赠与 gifts %,4d"
            + "  记录 records %,7d  %5.1f s%n",
        day.toString().substring(0, 7), tally.servicesRecorded + tally.groupActivities, tally.approved, tally.bookings,
        tally.gifts, records, (System.nanoTime() - started) / 1e9);
  }
}
