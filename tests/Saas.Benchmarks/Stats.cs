using System.Diagnostics;

namespace Saas.Benchmarks;

/// <summary>Latency samples in microseconds with percentiles.</summary>
internal sealed class Samples
{
    private readonly List<double> values = [];

    public int Count => values.Count;

    public void Add(TimeSpan elapsed) => values.Add(elapsed.TotalMicroseconds);

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

    public static async Task<TimeSpan> TimeAsync(Func<Task> action)
    {
        var start = Stopwatch.GetTimestamp();
        await action();
        return Stopwatch.GetElapsedTime(start);
    }
}
