package com.crosswalk.lookup;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.jdbc.core.JdbcTemplate;

import com.crosswalk.concurrent.DaemonThreads;
import com.crosswalk.graph.GraphClient;
import com.crosswalk.id.Scope;

/**
 * Runs the lookups of one partition of a pass: one lane per app or Page, each reading its pending IDs a page at a time
 * (two pages out at once) and handing them to the shared Graph client, while the caller records answered pages as
 * they come. Lanes make a paused or slow scope hold up only its own IDs (the others keep spending their budgets), and
 * the Graph calls overlap the database writes.
 * <p>
 * A pass's partitions run side by side, and the next pass starts when all of them are done (the job's steps), so
 * the IDs an earlier answer named are COVERED, not looked up. Each lane has its share of the lookup window
 * ({@link LookupPartition#pageSize}, two pages a lane): at most that many IDs are read and not yet recorded at any
 * time, which is the most a crash can make a restarted run look up twice. The shares are each lane's own: with one
 * window for all, lanes whose pages were answered first took the room a slower lane's recorded page freed, and that
 * lane sat idle for most of a minute with its budget unspent (measured in the quota benchmark).
 */
public class LookupLanes implements AutoCloseable {

	/** The error code of a pending ID Matching review. */
	private static final int REVIEW_PENDING = 200;

	private static final int MOST_PAGES_PER_RECORD = 64;

	/**
	 * Pages a lane has out at once. With one, a lane whose page waits for the last of its calls (the scope's budget
	 * spent until the window rolls on) reads nothing more until that page is answered and recorded, and when the
	 * budget frees it has no IDs ready: measured, 6 to 10 s of an unused budget per window and lane.
	 */
	static final int PAGES_PER_LANE = 2;

	/** How long {@link #close} lets lanes finish their database read or Graph call before interrupting them. */
	private static final int CLOSE_GRACE_SECONDS = 5;

	private final PendingIds pending;

	private final GraphClient client;

	private final LookupPartition partition;

	private final BlockingQueue<Answer> answered = new LinkedBlockingQueue<>();

	/** The rooms of the pages {@link #next} handed out last, freed when the caller has recorded them. */
	private final List<Semaphore> unrecorded = new ArrayList<>();

	private final AtomicInteger lanesRunning = new AtomicInteger();

	private final AtomicReference<Throwable> failure = new AtomicReference<>();

	/** The lanes under way, whose room {@link #close} frees so that none waits for it. */
	private final List<Lane> current = new CopyOnWriteArrayList<>();

	private volatile boolean closing;

	private boolean started;

	private final ExecutorService lanes = Executors.newCachedThreadPool(DaemonThreads.named("crosswalk-lane"));

	public LookupLanes(JdbcTemplate jdbc, GraphClient client, LookupPartition partition) {
		this.pending = new PendingIds(jdbc);
		this.client = client;
		this.partition = partition;
	}

	/**
	 * Tells the client which scopes an earlier process of this run found under review: a restarted run has a new
	 * client that has not met the #200 yet, and must neither spend a call nor answer differently from the run that
	 * was killed.
	 */
	public void knownUnderReview(List<LookupPlanner.ScopeUnderReview> reviews) {
		reviews.forEach(review -> client.knownUnderReview(new Scope(review.idType(), review.scopeId()),
				REVIEW_PENDING, review.message(), review.retryAfter()));
	}

	/** Tells the client which scopes refused every ID in this execution, met by other partitions' clients. */
	public void knownRefused(List<LookupPlanner.ScopeRefused> refusals) {
		refusals.forEach(refused -> client.knownRefused(refused.scope(), refused.state(), refused.code(),
				refused.message()));
	}

	/**
	 * The next answered pages, waiting until at least one is ready; empty when every lane is done. The caller records
	 * them and then calls {@link #recorded}.
	 */
	public List<AnsweredPage> next() throws InterruptedException {
		if (!unrecorded.isEmpty()) {
			throw new IllegalStateException("the pages handed out last are not recorded yet");
		}
		while (true) {
			rethrowLaneFailure();
			if (!started) {
				start();
			}
			else if (lanesRunning.get() == 0 && answered.isEmpty()) {
				return List.of();
			}
			Answer first = answered.poll(100, TimeUnit.MILLISECONDS);
			if (first != null) {
				List<Answer> batch = new ArrayList<>();
				batch.add(first);
				answered.drainTo(batch, MOST_PAGES_PER_RECORD - 1);
				batch.forEach(answer -> unrecorded.add(answer.room()));
				return batch.stream().map(Answer::page).toList();
			}
		}
	}

	/** The pages the last {@link #next} returned are committed: their lanes may read further. */
	public void recorded() {
		unrecorded.forEach(Semaphore::release);
		unrecorded.clear();
	}

	/**
	 * Stops the lanes; answers not yet recorded are lost, and their IDs stay PENDING for the next start. A lane in
	 * the middle of a database read finishes it first: a thread interrupted inside H2's file I/O closes the database
	 * file under every connection. Only lanes still waiting for the Graph API after that are interrupted.
	 */
	@Override
	public void close() {
		closing = true;
		current.forEach(lane -> lane.room.release(PAGES_PER_LANE));
		lanes.shutdown();
		try {
			if (!lanes.awaitTermination(CLOSE_GRACE_SECONDS, TimeUnit.SECONDS)) {
				lanes.shutdownNow();
				lanes.awaitTermination(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void start() {
		started = true;
		lanesRunning.set(partition.scopes().size() * PAGES_PER_LANE);
		for (String scope : partition.scopes()) {
			Lane lane = new Lane(scope, partition.pass(), partition.pageSize(), partition.slice());
			current.add(lane);
			for (int i = 0; i < PAGES_PER_LANE; i++) {
				lanes.execute(() -> runLane(lane));
			}
		}
	}

	/** One scope's IDs of one pass (or of a slice of them), read page after page by the lane's threads. */
	private final class Lane {

		private final String scopeId;

		private final int pass;

		private final int pageSize;

		/** Pages out and not yet recorded. */
		private final Semaphore room = new Semaphore(PAGES_PER_LANE);

		private final long upTo;

		private PendingIds.Cursor cursor;

		Lane(String scopeId, int pass, int pageSize, LookupPartition.Slice slice) {
			this.scopeId = scopeId;
			this.pass = pass;
			this.pageSize = pageSize;
			this.cursor = PendingIds.Cursor.from(slice.fromOrder());
			this.upTo = slice.toOrder();
		}

		synchronized PendingIds.Page nextPage() {
			PendingIds.Page page = pending.page(scopeId, pass, cursor, pageSize, upTo);
			if (!page.ids().isEmpty()) {
				cursor = page.next();
			}
			return page;
		}
	}

	private void runLane(Lane lane) {
		try {
			while (failure.get() == null && !closing) {
				lane.room.acquire();
				if (closing) {
					return;
				}
				PendingIds.Page page = lane.nextPage();
				if (page.ids().isEmpty()) {
					lane.room.release();
					return;
				}
				if (closing) {
					return;
				}
				AnsweredPage answer = new AnsweredPage(page.ids(),
						client.lookup(page.ids().stream().map(PendingId::id).toList()));
				answered.put(new Answer(answer, lane.room));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException | Error ex) {
			failure.compareAndSet(null, ex);
		}
		finally {
			lanesRunning.decrementAndGet();
		}
	}

	/** An answered page and the room in its lane that it takes until recorded. */
	private record Answer(AnsweredPage page, Semaphore room) {
	}

	private void rethrowLaneFailure() {
		Throwable thrown = failure.get();
		if (thrown instanceof RuntimeException runtime) {
			throw runtime;
		}
		if (thrown instanceof Error error) {
			throw error;
		}
	}
}
