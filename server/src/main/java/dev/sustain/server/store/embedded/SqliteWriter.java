package dev.sustain.server.store.embedded;

import dev.sustain.server.core.state.ChangeSet;
import dev.sustain.server.store.StoreUnavailableException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.sqlite.SQLiteConfig;

/**
 * The one thread that owns the SQLite connection, and the queue that feeds it. Callers on any thread submit
 * {@link Unit}s; the writer takes up to {@code maxBatch} queued units, runs them in one transaction, commits once
 * (group commit: one fsync answers the whole batch), and only then completes every unit's future on the Vert.x
 * context that submitted it. A unit that throws fails alone: the batch then runs again with a savepoint per unit,
 * and the failing one rolls back to its savepoint; a failed BEGIN, savepoint rollback or COMMIT fails the whole
 * batch with {@link StoreUnavailableException} and leaves nothing of it written.
 *
 * <p>Thread-safe: {@link #submit} and {@link #close} may be called from any thread and never block. Everything
 * else runs on the writer thread.
 */
final class SqliteWriter {
  /** Work run on the writer thread against the state, inside the batch transaction. */
  @FunctionalInterface
  interface Unit<T> {
    T run(SqliteState state) throws Exception;
  }

  /**
   * Called on the writer thread after each successful commit with the net changes of the batch's successful
   * units. May read {@code state} (outside any transaction); must not write.
   */
  @FunctionalInterface
  interface CommitHook {
    void committed(SqliteState state, ChangeSet batch);
  }

  private static final System.Logger LOG = System.getLogger(SqliteWriter.class.getName());
  private static final int BUSY_TIMEOUT_MS = 5_000;
  private static final int CACHE_KIB = 32 * 1024;
  private static final long WAL_LIMIT_BYTES = 64L * 1024 * 1024;

  private final Vertx vertx;
  private final Context fallbackContext;
  private final int maxQueue;
  private final int maxBatch;
  private final ExecutorService thread;
  // One slot more than maxQueue so the close marker always fits.
  private final ArrayBlockingQueue<Queued<?>> queue;
  private final Promise<Void> closed = Promise.promise();
  private final AtomicLong batches = new AtomicLong();
  private final AtomicLong units = new AtomicLong();
  private final AtomicLong largestBatch = new AtomicLong();

  private boolean accepting = true; // guarded by this
  private volatile CommitHook hook = (state, batch) -> {};
  private volatile Thread writerThread;

  // Owned by the writer thread.
  private Connection connection;
  private FileChannel lockChannel;
  private SqliteState state;
  private PreparedStatement begin;
  private PreparedStatement commit;
  private PreparedStatement rollback;
  private PreparedStatement savepoint;
  private PreparedStatement release;
  private PreparedStatement rollbackToSavepoint;

  private SqliteWriter(Vertx vertx, int maxQueue, int maxBatch, String threadName) {
    this.vertx = vertx;
    Context current = Vertx.currentContext();
    this.fallbackContext = current != null ? current : vertx.getOrCreateContext();
    this.maxQueue = maxQueue;
    this.maxBatch = maxBatch;
    this.queue = new ArrayBlockingQueue<>(maxQueue + 1);
    this.thread =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, threadName);
              // The writer holds no unanswered work a JVM exit could lose: every answer follows a durable commit.
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Opens (creating if needed) the database file on a new writer thread, applies the durability settings and the
   * schema, and starts the writer. The future completes on the caller's context.
   */
  static Future<SqliteWriter> open(Vertx vertx, Path file, int maxQueue, int maxBatch, String threadName) {
    SqliteWriter writer = new SqliteWriter(vertx, maxQueue, maxBatch, threadName);
    Context caller = writer.callerContext();
    Promise<SqliteWriter> opened = Promise.promise();
    writer.thread.execute(
        () -> {
          writer.writerThread = Thread.currentThread();
          try {
            writer.openConnection(file);
          } catch (Exception e) {
            writer.closeConnectionQuietly();
            writer.thread.shutdown();
            caller.runOnContext(v -> opened.fail(new StoreUnavailableException("cannot open " + file, e)));
            return;
          }
          caller.runOnContext(v -> opened.complete(writer));
          writer.loop();
        });
    return opened.future();
  }

  void hook(CommitHook hook) {
    this.hook = hook;
  }

  /**
   * Queues a unit; the future completes on the calling context after the batch holding it committed. Fails at
   * once with {@link StoreUnavailableException} when the queue is full or the writer is closed.
   */
  <T> Future<T> submit(Unit<T> unit) {
    Queued<T> q = new Queued<>(unit, callerContext());
    synchronized (this) {
      if (!accepting) {
        return Future.failedFuture(new StoreUnavailableException("embedded store is closed"));
      }
      if (queue.size() >= maxQueue || !queue.offer(q)) {
        return Future.failedFuture(new StoreUnavailableException("embedded store queue is full"));
      }
    }
    return q.promise.future();
  }

  /** Stops accepting, lets the writer commit everything queued, then closes the connection. Idempotent. */
  Future<Void> close() {
    Context caller = callerContext();
    synchronized (this) {
      if (accepting) {
        accepting = false;
        queue.add(Queued.STOP);
      }
    }
    Promise<Void> done = Promise.promise();
    closed.future().onComplete(ar -> caller.runOnContext(v -> done.handle(ar)));
    return done.future();
  }

  /** Batches committed so far. */
  long batches() {
    return batches.get();
  }

  /** Units answered by a commit so far (succeeded or failed alone). */
  long units() {
    return units.get();
  }

  /** The most units one commit has answered. */
  long largestBatch() {
    return largestBatch.get();
  }

  /** True on the writer thread; lets tests prove completions never run there. */
  boolean onWriterThread() {
    return Thread.currentThread() == writerThread;
  }

  /** The calling thread's Vert.x context, or one of this writer's Vert.x instance for other threads. */
  Context callerContext() {
    Context current = Vertx.currentContext();
    return current != null ? current : fallbackContext;
  }

  // ---- writer thread

  private void openConnection(Path file) throws Exception {
    Path absolute = file.toAbsolutePath();
    if (absolute.getParent() != null) {
      Files.createDirectories(absolute.getParent());
    }
    lockOwnership(absolute);
    SQLiteConfig config = new SQLiteConfig();
    // The driver otherwise runs a "SELECT last_insert_rowid()" after every INSERT for getGeneratedKeys(), which
    // nothing here calls: a statement prepared and run per inserted row, measured at a sixth of the writer's time.
    config.setGetGeneratedKeys(false);
    connection = DriverManager.getConnection("jdbc:sqlite:" + absolute, config.toProperties());
    try (Statement st = connection.createStatement()) {
      st.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MS);
      try (ResultSet rs = st.executeQuery("PRAGMA journal_mode = WAL")) {
        String mode = rs.next() ? rs.getString(1) : null;
        if (!"wal".equalsIgnoreCase(mode)) {
          throw new SQLException("cannot switch " + absolute + " to WAL journal mode (got " + mode + ")");
        }
      }
      // FULL: in WAL mode a commit is not acknowledged until the log is fsynced, so an answered write survives
      // a power cut, not just a process crash (NORMAL would only guarantee the latter).
      st.execute("PRAGMA synchronous = FULL");
      st.execute("PRAGMA cache_size = -" + CACHE_KIB);
      // A burst can grow the WAL far beyond the auto-checkpoint size; without a limit the file keeps that size.
      st.execute("PRAGMA journal_size_limit = " + WAL_LIMIT_BYTES);
      st.execute("PRAGMA foreign_keys = OFF");
    }
    SqliteSchema.migrate(connection);
    state = new SqliteState(connection);
    LOG.log(System.Logger.Level.INFO, "embedded store opened {0} (WAL, synchronous=FULL, schema version {1})",
        absolute, SqliteSchema.latestVersion());
    // IMMEDIATE takes the write lock at BEGIN, so a second process on the same file waits there (busy_timeout)
    // instead of failing a half-applied batch at its first write.
    begin = connection.prepareStatement("BEGIN IMMEDIATE");
    commit = connection.prepareStatement("COMMIT");
    rollback = connection.prepareStatement("ROLLBACK");
    savepoint = connection.prepareStatement("SAVEPOINT unit");
    release = connection.prepareStatement("RELEASE unit");
    rollbackToSavepoint = connection.prepareStatement("ROLLBACK TO unit");
  }

  private void loop() {
    List<Queued<?>> batch = new ArrayList<>(maxBatch);
    boolean stop = false;
    while (!stop) {
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      queue.drainTo(batch, maxBatch - 1);
      // The marker is queued after the last accepted unit, so it can only end a batch.
      if (batch.get(batch.size() - 1) == Queued.STOP) {
        batch.remove(batch.size() - 1);
        stop = true;
      }
      if (!batch.isEmpty()) {
        runBatchSafely(batch);
      }
      batch.clear();
    }
    // Reached after close() or if the thread was interrupted; either way nothing queued later could be served.
    synchronized (this) {
      accepting = false;
    }
    for (Queued<?> q; (q = queue.poll()) != null; ) {
      if (q != Queued.STOP) {
        q.fail(new StoreUnavailableException("embedded store is closed"));
      }
    }
    closeConnectionQuietly();
    thread.shutdown();
    closed.complete();
  }

  private void runBatchSafely(List<Queued<?>> batch) {
    try {
      runBatch(batch);
    } catch (Throwable t) {
      // Only reached for a fault outside any unit (an Error, a broken connection): nothing of the batch may
      // count as written.
      LOG.log(System.Logger.Level.ERROR, "embedded store batch aborted", t);
      abort(batch, t);
    }
  }

  private void runBatch(List<Queued<?>> batch) throws SQLException {
    if (!runUnitsTogether(batch)) {
      runUnitsInSavepoints(batch);
    }
  }

  /**
   * The common case, every unit succeeding, without a savepoint per unit: the SAVEPOINT and RELEASE around each
   * unit were measured at a tenth of the writer's time. If a unit throws, the whole transaction rolls back and,
   * unless that unit was alone, the batch runs again with savepoints so only the failing unit fails; units are
   * engine runs, pure given the state, so running them again gives the same results.
   *
   * @return false if the batch must run again in savepoints; true once every unit was answered
   */
  private boolean runUnitsTogether(List<Queued<?>> batch) throws SQLException {
    try {
      begin.execute();
    } catch (SQLException e) {
      abort(batch, e);
      return true;
    }
    state.changes().clear();
    for (Queued<?> q : batch) {
      try {
        q.result = q.unit.run(state);
      } catch (Exception | StackOverflowError e) {
        state.changes().clear();
        try {
          rollback.execute();
        } catch (SQLException lost) {
          e.addSuppressed(lost);
          abort(batch, e);
          return true;
        }
        for (Queued<?> ran : batch) {
          ran.result = null;
        }
        if (batch.size() > 1) {
          return false;
        }
        q.failure = unitFailure(e);
        q.settle();
        return true;
      }
    }
    ChangeSet net = new ChangeSet();
    net.merge(state.changes());
    state.changes().clear();
    committed(batch, net);
    return true;
  }

  private void runUnitsInSavepoints(List<Queued<?>> batch) throws SQLException {
    try {
      begin.execute();
    } catch (SQLException e) {
      abort(batch, e);
      return;
    }
    ChangeSet net = new ChangeSet();
    for (Queued<?> q : batch) {
      state.changes().clear();
      savepoint.execute();
      try {
        q.result = q.unit.run(state);
        release.execute();
        net.merge(state.changes());
      } catch (Exception | StackOverflowError e) {
        state.changes().clear();
        try {
          rollbackToSavepoint.execute();
          release.execute();
        } catch (SQLException lost) {
          // SQLite rolls back the whole transaction on some errors (disk full, I/O): the earlier units are gone.
          e.addSuppressed(lost);
          abort(batch, e);
          return;
        }
        q.failure = unitFailure(e);
      }
    }
    state.changes().clear();
    committed(batch, net);
  }

  /** Commits the open transaction, then tells the hook and answers the batch; on a failed COMMIT, aborts. */
  private void committed(List<Queued<?>> batch, ChangeSet net) {
    try {
      commit.execute();
    } catch (SQLException e) {
      abort(batch, e);
      return;
    }
    batches.incrementAndGet();
    units.addAndGet(batch.size());
    largestBatch.accumulateAndGet(batch.size(), Math::max);
    // The hook first: it hands the batch's execute and unblock messages to the router, so they are on their way
    // to the workers before the answers are, and a worker does not learn of a task long after its creator did.
    try {
      hook.committed(state, net);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "embedded store commit hook failed", e);
    }
    for (Queued<?> q : batch) {
      q.settle();
    }
  }

  /** Rolls back whatever is open and fails every unit of the batch not yet answered. */
  private void abort(List<Queued<?>> batch, Throwable cause) {
    state.changes().clear();
    try {
      rollback.execute();
    } catch (SQLException | RuntimeException e) {
      // Nothing was open, or SQLite already rolled back on its own; either way nothing was written.
    }
    StoreUnavailableException failure =
        new StoreUnavailableException("embedded store could not commit: " + cause.getMessage(), cause);
    for (Queued<?> q : batch) {
      q.failure = q.failure != null ? q.failure : failure;
      q.result = null;
      q.settle();
    }
  }

  private static Throwable unitFailure(Throwable e) {
    if (e instanceof EmbeddedSqlException && ((EmbeddedSqlException) e).retriable()) {
      return new StoreUnavailableException("embedded store unavailable: " + e.getMessage(), e);
    }
    return e;
  }

  /**
   * Takes an exclusive lock on {@code FILE.lock} for the writer's lifetime. SQLite itself would let a second
   * server write the same file, but each server keeps its own timers, outbox delivery and worker registry, so two
   * of them on one file would each miss the other's deadlines and messages: the second one is refused instead.
   * The operating system drops the lock when the process dies, so a SIGKILL never leaves the file unusable.
   */
  private void lockOwnership(Path database) throws IOException {
    Path lockPath = database.resolveSibling(database.getFileName() + ".lock");
    lockChannel = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = lockChannel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      lockChannel.close();
      lockChannel = null;
      throw new IOException(database + " is in use by another Sustain server (it holds " + lockPath + ")");
    }
  }

  private void closeConnectionQuietly() {
    if (state != null) {
      state.closeStatements();
    }
    for (PreparedStatement ps :
        new PreparedStatement[] {begin, commit, rollback, savepoint, release, rollbackToSavepoint}) {
      if (ps != null) {
        try {
          ps.close();
        } catch (SQLException ignored) {
          // The connection closes next, taking the statement with it.
        }
      }
    }
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        LOG.log(System.Logger.Level.WARNING, "closing the embedded store connection failed", e);
      }
    }
    if (lockChannel != null) {
      try {
        // Closing the channel releases the lock.
        lockChannel.close();
      } catch (IOException e) {
        LOG.log(System.Logger.Level.WARNING, "releasing the embedded store lock failed", e);
      }
      lockChannel = null;
    }
  }

  /** A submitted unit, its caller's context, and its outcome once the batch is decided. */
  private static final class Queued<T> {
    static final Queued<Void> STOP = new Queued<>(s -> null, null);

    final Unit<T> unit;
    final Context context;
    final Promise<T> promise;
    Object result;
    Throwable failure;
    // Writer thread only: a fault after the commit must not answer a unit a second time.
    private boolean settled;

    Queued(Unit<T> unit, Context context) {
      this.unit = unit;
      this.context = context;
      // Bound to the caller's context: a listener attached after completion (possible when the caller is not on
      // that context) still runs on the context, never on the attaching thread.
      this.promise = context == null ? Promise.promise() : ((ContextInternal) context).promise();
    }

    @SuppressWarnings("unchecked")
    void settle() {
      if (settled) {
        return;
      }
      settled = true;
      Throwable f = failure;
      T r = (T) result;
      if (f != null) {
        context.runOnContext(v -> promise.fail(f));
      } else {
        context.runOnContext(v -> promise.complete(r));
      }
    }

    void fail(Throwable f) {
      context.runOnContext(v -> promise.fail(f));
    }
  }
}
