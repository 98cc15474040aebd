package org.moralbank.examples.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * The demo's time: set by the simulation, never by the wall clock, so that the same seed writes
 * the same timestamps. It only moves forward. The engines' writer threads read it, hence
 * volatile.
 */
final class SimulatedClock extends Clock {
  private final ZoneId zone;
  private volatile Instant now;

  SimulatedClock(ZoneId zone, Instant start) {
    this.zone = zone;
    this.now = start;
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** A view in zone {@code other} that reads this clock's instant, so it moves with the simulation. */
  @Override
  public Clock withZone(ZoneId other) {
    return other.equals(zone) ? this : new InZone(this, other);
  }

  @Override
  public Instant instant() {
    return now;
  }

  /** Moves to {@code time} on {@code day} in the bank's zone, unless the clock is already past it. */
  void advanceTo(LocalDate day, LocalTime time) {
    Instant target = day.atTime(time).atZone(zone).toInstant();
    if (target.isAfter(now)) {
      now = target;
    }
  }

  /** Lets some time pass: the next clerk at the counter. */
  void tick(Duration d) {
    now = now.plus(d);
  }

  /** The simulated day in the bank's zone. */
  LocalDate today() {
    return LocalDate.ofInstant(now, zone);
  }

  /** {@code time} on {@code day} in the bank's zone. */
  Instant at(LocalDate day, LocalTime time) {
    return day.atTime(time).atZone(zone).toInstant();
  }

  /** The simulated clock seen in another zone: same instant, always current. */
  private static final class InZone extends Clock {
    private final SimulatedClock source;
    private final ZoneId zone;

    InZone(SimulatedClock source, ZoneId zone) {
      this.source = source;
      this.zone = zone;
    }

    @Override
    public ZoneId getZone() {
      return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
      return source.withZone(other);
    }

    @Override
    public Instant instant() {
      return source.instant();
    }
  }
}
