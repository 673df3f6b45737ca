using System.Diagnostics;

namespace Saas.Benchmarks;

/// <summary>Latency samples in microseconds with percentiles.</summary>
internal sealed class Samples
{
    private readonly List<double> values = [];

    public int Count => values.Count;

    public void Add(TimeSpan elapsed) => values.Add(elapsed.TotalMicroseconds);

    /// <summary>One sample of a batch, per operation (a TimeSpan's 100 ns ticks are too coarse for one).</summary>
    public void Add(TimeSpan elapsed, int operations) => values.Add(elapsed.TotalMicroseconds / operations);

    public double Percentile(double p)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }

    /// <summary>
    /// Runs two ways of doing the same thing alternately, the first going first in even rounds and second in odd
    /// ones, so that the machine's noise hits both alike; the first <paramref name="warmup"/> rounds are not kept.
    /// </summary>
    public static async Task<(Samples First, Samples Second)> InterleaveAsync(int rounds, int warmup, Func<int, Task> first, Func<int, Task> second)
    {
        var a = new Samples();
        var b = new Samples();
        for (var i = 0; i < rounds + warmup; i++)
        {
            TimeSpan x = default, y = default;
            for (var k = 0; k < 2; k++)
            {
                if ((i + k) % 2 == 0)
                {
                    x = await TimeAsync(() => first(i));
                }
                else
                {
                    y = await TimeAsync(() => second(i));
                }
            }

            if (i >= warmup)
            {
                a.Add(x);
                b.Add(y);
            }
        }

        return (a, b);
    }

    public static async Task<TimeSpan> TimeAsync(Func<Task> action)
    {
        var start = Stopwatch.GetTimestamp();
        await action();
        return Stopwatch.GetElapsedTime(start);
    }
}
