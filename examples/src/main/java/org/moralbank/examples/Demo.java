package org.moralbank.examples;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.moralbank.ledger.AccountId;
import org.moralbank.ledger.AccountKind;
import org.moralbank.ledger.BranchConfig;
import org.moralbank.ledger.BranchJournal;
import org.moralbank.ledger.Command;
import org.moralbank.ledger.IntegrityFailure;
import org.moralbank.ledger.JournalVerifier;
import org.moralbank.ledger.Minutes;
import org.moralbank.ledger.TransferId;
import org.moralbank.ledger.TransferRequest;
import org.moralbank.ledger.TransferResult;
import org.moralbank.ledger.store.InMemoryStore;
import org.moralbank.ledger.store.JournalRecord;

/**
 * A seeded, deterministic run of a community moral bank: the seven associations of
 * ../shared/brief/DOMAIN.md as savings branches, volunteers depositing hours of service and
 * redeeming them, then an audit of every branch journal and of a copy with one byte flipped.
 */
public final class Demo {
  static final String[][] BRANCHES = {
    {"trade-union", "社区工会 community trade union"},
    {"flower-association", "养花协会 flower-growing association"},
    {"calligraphy-painting", "书画协会 calligraphy and painting association"},
    {"science-group", "科普小组 popular-science group"},
    {"merchants", "商户 local merchants"},
    {"youth", "青年 young people"},
    {"children", "少儿 small children"},
  };
  static final int VOLUNTEERS_PER_BRANCH = 60;
  static final int SERVICES = 6_000;

  private Demo() {}

  public static void main(String[] args) throws IOException {
    Random random = new Random(20261123L);
    long[] clock = {1_767_225_600_000_000_000L};
    Map<String, InMemoryStore> stores = new LinkedHashMap<>();
    Map<String, BranchJournal> journals = new LinkedHashMap<>();
    System.out.println("moralbank demo · 道德银行演示");
    for (String[] b : BRANCHES) {
      InMemoryStore store = new InMemoryStore();
      BranchConfig config = BranchConfig.of("moral-bank", b[0]).withClock(() -> clock[0] += 1_000_000L);
      BranchJournal journal = BranchJournal.create(store, config);
      journal.execute(Command.OpenAccount.fund(AccountId.of(1), Minutes.ofHours(100_000)));
      journal.execute(Command.OpenAccount.of(AccountId.of(2), AccountKind.REDEMPTION_SINK));
      List<Command<?>> members = new ArrayList<>();
      for (int m = 0; m < VOLUNTEERS_PER_BRANCH; m++) {
        members.add(Command.OpenAccount.member(AccountId.of(1000 + m)));
      }
      journal.submitAll(members).join();
      stores.put(b[0], store);
      journals.put(b[0], journal);
    }

    int created = 0;
    int rejected = 0;
    long deposited = 0;
    long redeemed = 0;
    for (int i = 0; i < SERVICES; i++) {
      String branch = BRANCHES[random.nextInt(BRANCHES.length)][0];
      BranchJournal j = journals.get(branch);
      AccountId member = AccountId.of(1000 + random.nextInt(VOLUNTEERS_PER_BRANCH));
      boolean redeem = random.nextInt(3) == 0;
      long minutes = 15L * (1 + random.nextInt(12));
      TransferRequest t = redeem
          ? TransferRequest.Single.of(TransferId.of(i + 1), member, AccountId.of(2), Minutes.of(minutes), 2)
          : TransferRequest.Single.of(TransferId.of(i + 1), AccountId.of(1), member, Minutes.of(minutes), 1);
      TransferResult r = j.execute(Command.TransferGroup.of(t)).get(0);
      if (r instanceof TransferResult.Created) {
        created++;
        if (redeem) {
          redeemed += minutes;
        } else {
          deposited += minutes;
        }
      } else {
        rejected++;
      }
      if ((i + 1) % 1500 == 0) {
        System.out.printf("  %,d / %,d entries recorded 已记录%n", i + 1, SERVICES);
      }
    }
    System.out.printf("deposited 存入 %s, redeemed 兑换 %s, created %,d, rejected 拒绝 %,d%n",
        Minutes.format(deposited), Minutes.format(redeemed), created, rejected);

    System.out.println("audit 审计:");
    for (Map.Entry<String, InMemoryStore> e : stores.entrySet()) {
      JournalVerifier.Report report = JournalVerifier.verify(e.getValue(), Optional.empty());
      System.out.printf("  %-22s %,6d records, head %s…, %s%n", e.getKey(), report.records(),
          report.head().hex().substring(0, 16), report.sound() ? "sound 完好" : report.failure().get());
    }
    for (BranchJournal j : journals.values()) {
      j.close();
    }

    InMemoryStore original = stores.get("flower-association");
    List<JournalRecord> records = original.records();
    JournalVerifier tampered = new JournalVerifier();
    int victim = records.size() / 2;
    for (JournalRecord r : records) {
      byte[] bytes = r.bytes().clone();
      if (r.sequence() == victim) {
        bytes[bytes.length / 2] ^= 0x01;
      }
      if (!tampered.accept(bytes)) {
        break;
      }
    }
    IntegrityFailure failure = tampered.finish().failure().orElseThrow();
    System.out.printf("flipped one byte of record %d in a copy of flower-association: %s%n", victim, failure);
    System.out.println("篡改已被发现 tampering detected");
  }
}
