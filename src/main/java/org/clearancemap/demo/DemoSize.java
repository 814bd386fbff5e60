package org.clearancemap.demo;

/**
 * How many hazards {@link DemoGenerator} makes per State Party: the demo's own programme sizes
 * ({@link #DEMO}), or a fixed number ({@link #hazards(int)}) for larger synthetic datasets.
 *
 * @param hazardsPerState the fixed number of hazards (external ids) per State Party; 0 for the demo
 */
public record DemoSize(int hazardsPerState) {

    /** The demo: 30–60 hazards for a small programme, 150–250 for the others. */
    public static final DemoSize DEMO = new DemoSize(0);

    public DemoSize {
        if (hazardsPerState < 0) {
            throw new IllegalArgumentException("hazards per State Party must not be negative (got " + hazardsPerState + ")");
        }
    }

    /** Exactly {@code count} hazards per State Party (fewer only when its territory has no room for them). */
    public static DemoSize hazards(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("hazards per State Party must be at least 1 (got " + count + ")");
        }
        return new DemoSize(count);
    }

    public boolean isDemo() {
        return hazardsPerState == 0;
    }
}
