namespace Saas.Modules.Cases.Features.LegacyDigitisation;

/// <summary>
/// The settings of the quality check (section <c>Cases:Legacy</c>): start with <see cref="StartRate"/> of the
/// documents; after <see cref="GoodBatches"/> batches in a row at the same rate each with a defect rate below
/// <see cref="GoodDefectRate"/>, halve it, never below <see cref="MinimumRate"/>; after a batch with a defect rate
/// above <see cref="ResetDefectRate"/>, start again. A batch is accepted at a defect rate up to <see cref="MaxDefectRate"/>.
/// </summary>
internal sealed record QaSettings(decimal StartRate, decimal MinimumRate, int GoodBatches, decimal GoodDefectRate, decimal ResetDefectRate, decimal MaxDefectRate)
{
    public static QaSettings Default { get; } = new(0.20m, 0.05m, 3, 0.02m, 0.05m, 0.05m);

    public static QaSettings From(CasesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var legacy = options.Legacy;
        var settings = new QaSettings(legacy.QaSampleRate, legacy.QaMinimumRate, legacy.QaGoodBatches, legacy.QaGoodDefectRate,
            legacy.QaResetDefectRate ?? legacy.QaMaxDefectRate, legacy.QaMaxDefectRate);
        if (settings.MinimumRate <= 0 || settings.MinimumRate > settings.StartRate || settings.StartRate > 1 || settings.GoodBatches < 1
            || settings.GoodDefectRate < 0 || settings.ResetDefectRate < settings.GoodDefectRate || settings.MaxDefectRate is < 0 or > 1)
        {
            throw new InvalidOperationException(
                "Cases:Legacy: need 0 < QaMinimumRate ≤ QaSampleRate ≤ 1, QaGoodBatches ≥ 1, 0 ≤ QaGoodDefectRate ≤ QaResetDefectRate and 0 ≤ QaMaxDefectRate ≤ 1.");
        }

        return settings;
    }
}

/// <summary>A batch whose check is finished: the rate it was sampled at and the defect rate found.</summary>
internal sealed record DecidedBatch(decimal Rate, decimal DefectRate);

/// <summary>The rate for the next batch and why (recorded in the protocol).</summary>
internal sealed record QaRateDecision(decimal Rate, string Reason);

/// <summary>
/// How much of a new batch is checked, from the authority's history of checked batches. Pure: no clock, no
/// database. The rate only falls step by step: each halving must be earned by <see cref="QaSettings.GoodBatches"/>
/// good batches at the current rate, so a long good run lowers the rate 20 % → 10 % → 5 %, not at once.
/// </summary>
internal static class QaSampleRate
{
    /// <param name="newestFirst">The authority's checked batches, the most recently decided first.</param>
    public static QaRateDecision Next(IReadOnlyList<DecidedBatch> newestFirst, QaSettings settings)
    {
        ArgumentNullException.ThrowIfNull(newestFirst);
        ArgumentNullException.ThrowIfNull(settings);
        if (newestFirst.Count == 0)
        {
            return new(settings.StartRate, "Startrate, noch keine Charge geprüft / start rate, no batch checked yet");
        }

        var last = newestFirst[0];
        if (last.DefectRate > settings.ResetDefectRate)
        {
            return new(settings.StartRate,
                $"Startrate, letzte Charge {Percent(last.DefectRate)} fehlerhaft (> {Percent(settings.ResetDefectRate)}) / start rate again, last batch had {Percent(last.DefectRate)} defects (> {Percent(settings.ResetDefectRate)})");
        }

        var current = Math.Clamp(last.Rate, settings.MinimumRate, settings.StartRate);
        var run = newestFirst.Take(settings.GoodBatches).ToList();
        var goodRun = run.Count == settings.GoodBatches && run.All(b => b.Rate == last.Rate && b.DefectRate < settings.GoodDefectRate);
        if (goodRun && current > settings.MinimumRate)
        {
            var halved = Math.Max(settings.MinimumRate, Math.Round(current / 2, 6));
            return new(halved,
                $"halbiert, die letzten {settings.GoodBatches} Chargen zu {Percent(current)} unter {Percent(settings.GoodDefectRate)} fehlerhaft / halved, the last {settings.GoodBatches} batches at {Percent(current)} had defect rates below {Percent(settings.GoodDefectRate)}");
        }

        return current <= settings.MinimumRate
            ? new(settings.MinimumRate, "Mindestrate / minimum rate")
            : new(current, "beibehalten / kept");
    }

    /// <summary>ceil(rate × documents), at least one, at most all documents.</summary>
    public static int SampleSize(decimal rate, int documents)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(documents, 1);
        return (int)Math.Min(documents, Math.Max(1, Math.Ceiling(rate * documents)));
    }

    public static string Percent(decimal rate) => (rate * 100).ToString("0.##", CultureInfo.InvariantCulture) + " %";
}

/// <summary>
/// Draws the sample reproducibly from a random seed: every delivered path gets the key SHA-256(seed ‖ 0x00 ‖ path
/// as UTF-8), and the paths with the smallest keys are checked. The seed comes from the cryptographic random number
/// generator and is recorded in the protocol, so an auditor can redraw the same sample from the manifest.
/// </summary>
internal static class QaSampler
{
    public const string Method = "sha256-rank-v1: SHA-256(seed || 0x00 || path UTF-8) ascending, first n; seed from RandomNumberGenerator";

    public static byte[] NewSeed() => RandomNumberGenerator.GetBytes(32);

    public static IReadOnlySet<string> Draw(ReadOnlySpan<byte> seed, IEnumerable<string> paths, int size)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var keyed = new List<(string Key, string Path)>();
        foreach (var path in paths)
        {
            var text = Encoding.UTF8.GetBytes(path);
            var input = new byte[seed.Length + 1 + text.Length];
            seed.CopyTo(input);
            text.CopyTo(input, seed.Length + 1);
            keyed.Add((Convert.ToHexStringLower(SHA256.HashData(input)), path));
        }

        return keyed.OrderBy(k => k.Key, StringComparer.Ordinal).ThenBy(k => k.Path, StringComparer.Ordinal)
            .Take(size).Select(k => k.Path).ToHashSet(StringComparer.Ordinal);
    }
}

/// <summary>The verdict once every sampled document is checked.</summary>
internal static class QaVerdict
{
    public static decimal DefectRate(int defects, int sampleSize) => sampleSize == 0 ? 0 : Math.Round((decimal)defects / sampleSize, 6);

    public static bool Accept(decimal defectRate, decimal maxDefectRate) => defectRate <= maxDefectRate;
}
