package com.mobilityha.systemtests.junit;

/**
 * The one stack that test classes share, for the whole test run: a class that needs another kind stops
 * it first. Classes with a stack of their own run beside it, so at most two stacks compete for the
 * machine (two classes run at a time).
 */
final class SharedStack implements AutoCloseable {
    private RunningStack running;

    /** The shared stack of this kind, started unless it runs already. */
    synchronized RunningStack of(StackKind kind) {
        if (running != null && running.kind() != kind) {
            close();
        }
        if (running == null) {
            running = kind.start();
        }
        return running;
    }

    /** The shared stack that runs now. */
    synchronized RunningStack running() {
        return running;
    }

    @Override
    public synchronized void close() {
        if (running != null) {
            running.close();
            running = null;
        }
    }
}
