package com.mobilityha.notifier.push;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bound on a sender's pushes in flight. A sender that finds every slot taken waits until a quarter of
 * them are free again and then sends that many in a row, instead of waking for every answer to send one
 * push: in a fan-out of thousands the push client's I/O thread then gets its writes in bursts (one flush for
 * many), and the sending thread is woken once per burst rather than once per push.
 */
public final class SendSlots {
    private final int max;
    private final int resumeAt;
    private final AtomicInteger taken = new AtomicInteger();
    private final Object freed = new Object();

    public SendSlots(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("at least one send in flight: " + max);
        }
        this.max = max;
        this.resumeAt = max - Math.max(1, max / 4);
    }

    /** Takes a slot; when none is free, waits until a quarter of them are. */
    public void take() throws InterruptedException {
        while (true) {
            int now = taken.get();
            if (now < max) {
                if (taken.compareAndSet(now, now + 1)) {
                    return;
                }
            } else {
                synchronized (freed) {
                    while (taken.get() > resumeAt) {
                        freed.wait();
                    }
                }
            }
        }
    }

    /** Gives a slot back (the push was answered, or never sent). */
    public void give() {
        if (taken.decrementAndGet() == resumeAt) {
            synchronized (freed) {
                freed.notifyAll();
            }
        }
    }
}
