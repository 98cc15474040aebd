package org.moralbank.timebank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The test clock seen in another zone is a view: it reads the same instant as it moves. */
class MutableClockTest {
  @Test
  void withZone_isAViewThatFollowsTheMutableInstant() {
    Fixture.MutableClock clock = new Fixture.MutableClock(Instant.parse("2025-03-01T00:00:00Z"));
    ZoneId shanghai = ZoneId.of("Asia/Shanghai");
    Clock view = clock.withZone(shanghai);
    assertEquals(shanghai, view.getZone());
    assertEquals(clock.instant(), view.instant());

    clock.advance(Duration.ofHours(20));
    assertEquals(Instant.parse("2025-03-01T20:00:00Z"), view.instant());
    clock.set(Instant.parse("2025-04-01T00:00:00Z"));
    assertEquals(Instant.parse("2025-04-01T00:00:00Z"), view.instant());

    assertSame(clock, clock.withZone(ZoneOffset.UTC));
    assertSame(clock, view.withZone(ZoneOffset.UTC));
  }
}
