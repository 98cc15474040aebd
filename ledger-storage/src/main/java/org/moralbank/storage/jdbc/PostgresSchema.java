package org.moralbank.storage.jdbc;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's tables, triggers and their migrations, kept in one PostgreSQL schema (a namespace,
 * {@code moralbank} unless the application names another). docs/postgresql.md describes every
 * version; a migration is only ever added, never changed, once released.
 *
 * <p>Migrating takes a transaction-scoped advisory lock keyed by the schema name first, so that
 * application instances starting at once migrate one after the other: the first applies the
 * missing versions, the others find them applied and change nothing.
 */
final class PostgresSchema {
  private static final Logger log = LoggerFactory.getLogger(PostgresSchema.class);

  /** The first key of the advisory lock, "mb"; the second is the schema name's hash. */
  private static final int LOCK_CLASS = 0x6D62;

  private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  /** SQLSTATE the chain trigger raises: a record does not continue its branch's chain. */
  static final String CHAIN_BROKEN = "MB001";

  /** SQLSTATE the append-only trigger raises for UPDATE, DELETE and TRUNCATE. */
  static final String APPEND_ONLY = "MB002";

  static final String RECORD_TABLE = "moralbank_record";
  static final String SNAPSHOT_TABLE = "moralbank_snapshot";
  static final String VERSION_TABLE = "moralbank_schema_version";

  private record Migration(int version, String description, String sql) {}

  /**
   * Version 1: records keyed by (branch, sequence), the chain trigger, the append-only trigger and
   * the latest snapshot per branch. {@code $S} stands for the quoted schema name.
   */
  private static final List<Migration> MIGRATIONS =
      List.of(
          new Migration(
              1,
              "records with chain and append-only triggers, snapshots",
              """
              CREATE TABLE $S.moralbank_record (
                branch        text   NOT NULL,
                sequence      bigint NOT NULL,
                previous_hash bytea  NOT NULL,
                hash          bytea  NOT NULL,
                bytes         bytea  NOT NULL,
                CONSTRAINT moralbank_record_pkey PRIMARY KEY (branch, sequence),
                CONSTRAINT moralbank_record_sequence_check CHECK (sequence >= 0),
                CONSTRAINT moralbank_record_hash_check
                  CHECK (octet_length(previous_hash) = 32 AND octet_length(hash) = 32)
              );

              CREATE FUNCTION $S.moralbank_record_check_link() RETURNS trigger
              LANGUAGE plpgsql VOLATILE AS $body$
              DECLARE
                predecessor bytea;
              BEGIN
                IF NEW.sequence = 0 THEN
                  IF NEW.previous_hash <> decode(repeat('00', 32), 'hex') THEN
                    RAISE EXCEPTION 'record 0 of branch % must link to the zero hash', NEW.branch
                      USING ERRCODE = 'MB001';
                  END IF;
                ELSE
                  SELECT r.hash INTO predecessor FROM $S.moralbank_record r
                    WHERE r.branch = NEW.branch AND r.sequence = NEW.sequence - 1;
                  IF NOT FOUND THEN
                    RAISE EXCEPTION 'record % of branch % has no predecessor',
                      NEW.sequence, NEW.branch USING ERRCODE = 'MB001';
                  END IF;
                  IF predecessor <> NEW.previous_hash THEN
                    RAISE EXCEPTION 'record % of branch % does not link to the hash of record %',
                      NEW.sequence, NEW.branch, NEW.sequence - 1 USING ERRCODE = 'MB001';
                  END IF;
                END IF;
                RETURN NULL;
              END
              $body$;

              CREATE TRIGGER moralbank_record_link
                AFTER INSERT ON $S.moralbank_record
                FOR EACH ROW EXECUTE FUNCTION $S.moralbank_record_check_link();

              CREATE FUNCTION $S.moralbank_refuse_change() RETURNS trigger
              LANGUAGE plpgsql AS $body$
              BEGIN
                RAISE EXCEPTION '% on %.% refused: the journal is append-only',
                  TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME USING ERRCODE = 'MB002';
              END
              $body$;

              CREATE TRIGGER moralbank_record_append_only
                BEFORE UPDATE OR DELETE OR TRUNCATE ON $S.moralbank_record
                FOR EACH STATEMENT EXECUTE FUNCTION $S.moralbank_refuse_change();

              CREATE TABLE $S.moralbank_snapshot (
                branch   text        NOT NULL,
                size     bigint      NOT NULL,
                head     bytea       NOT NULL,
                state    bytea       NOT NULL,
                saved_at timestamptz NOT NULL DEFAULT now(),
                CONSTRAINT moralbank_snapshot_pkey PRIMARY KEY (branch),
                CONSTRAINT moralbank_snapshot_size_check CHECK (size >= 1),
                CONSTRAINT moralbank_snapshot_head_check CHECK (octet_length(head) = 32)
              );
              """));

  /** The newest schema version this library knows. */
  static final int CURRENT_VERSION = MIGRATIONS.get(MIGRATIONS.size() - 1).version();

  private PostgresSchema() {}

  /**
   * Checks a schema name: lower-case letters, digits and underscores, not starting with a digit,
   * at most 63 characters (PostgreSQL's limit), so that it is the same name quoted or not.
   */
  static String checkName(String schema) {
    Objects.requireNonNull(schema, "schema == null");
    if (!NAME.matcher(schema).matches()) {
      throw new IllegalArgumentException(
          "schema name must match " + NAME.pattern() + ": \"" + schema + "\"");
    }
    return schema;
  }

  /** {@code schema.name}, quoted. */
  static String table(String schema, String name) {
    return quote(schema) + "." + name;
  }

  private static String quote(String schema) {
    return "\"" + schema + "\"";
  }

  /**
   * Brings {@code schema} to {@link #CURRENT_VERSION}, creating it when absent, and returns the
   * version. Does nothing (no DDL) when the schema is already current, so an application role
   * without CREATE privileges can open stores in a schema an administrator migrated.
   *
   * @throws IOException if the database fails, or its schema is newer than this library
   */
  static int migrate(DataSource dataSource, String schema) throws IOException {
    checkName(schema);
    try {
      return Transaction.run(dataSource, c -> migrate(c, schema));
    } catch (SQLException e) {
      throw new IOException("migrating schema " + schema + " failed: " + e.getMessage(), e);
    }
  }

  private static int migrate(Connection c, String schema) throws SQLException, IOException {
    try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?, ?)")) {
      lock.setInt(1, LOCK_CLASS);
      lock.setInt(2, schema.hashCode());
      lock.execute();
    }
    String versionTable = table(schema, VERSION_TABLE);
    int version = 0;
    if (exists(c, versionTable)) {
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT coalesce(max(version), 0) FROM " + versionTable)) {
        rs.next();
        version = rs.getInt(1);
      }
    } else {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE SCHEMA IF NOT EXISTS " + quote(schema));
        s.execute(
            "CREATE TABLE "
                + versionTable
                + " (version integer PRIMARY KEY, description text NOT NULL,"
                + " applied_at timestamptz NOT NULL DEFAULT now())");
      }
    }
    if (version > CURRENT_VERSION) {
      throw new IOException(
          "schema "
              + schema
              + " is at version "
              + version
              + ", newer than this library's "
              + CURRENT_VERSION
              + ": upgrade moralbank");
    }
    for (Migration m : MIGRATIONS) {
      if (m.version() <= version) {
        continue;
      }
      try (Statement s = c.createStatement()) {
        s.execute(m.sql().replace("$S", quote(schema)));
      }
      try (PreparedStatement insert =
          c.prepareStatement(
              "INSERT INTO " + versionTable + " (version, description) VALUES (?, ?)")) {
        insert.setInt(1, m.version());
        insert.setString(2, m.description());
        insert.executeUpdate();
      }
      log.info("migrated PostgreSQL schema {} to version {}: {}", schema, m.version(), m.description());
      version = m.version();
    }
    return version;
  }

  private static boolean exists(Connection c, String qualifiedName) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
      s.setString(1, qualifiedName);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }
}
