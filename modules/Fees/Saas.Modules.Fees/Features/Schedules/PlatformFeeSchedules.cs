using Microsoft.Extensions.Hosting;

namespace Saas.Modules.Fees.Features.Schedules;

/// <summary>
/// The schedules the platform operator publishes once for every authority: <c>_platform/fees/*.yaml</c> under the
/// tenants folder (federal law: AufenthV, StAG, PAuswGebV), validated with the kind's rules when first read, which the
/// host does at start (<see cref="PlatformFeeSchedulesCheck"/>): an invalid file stops the start with its located errors.
/// No folder means no platform schedule (a test host with its own tenants folder).
/// </summary>
internal sealed class PlatformFeeSchedules(IMetadataFiles files, IOptions<FeesOptions> options)
{
    public const string Folder = "_platform/fees";

    private readonly Lazy<IReadOnlyList<FeeSchedule>> schedules = new(() => Load(files, options.Value.TenantsPath!));

    public IReadOnlyList<FeeSchedule> All => schedules.Value;

    internal static IReadOnlyList<FeeSchedule> Load(IMetadataFiles files, string tenantsPath)
    {
        var folder = Path.Combine(tenantsPath, Folder);
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var errors = new List<MetadataError>();
        var result = new List<FeeSchedule>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            var display = Folder + "/" + Path.GetFileName(file);
            var before = errors.Count;
            var document = files.Validate(display, File.ReadAllText(file), errors);
            if (document is not null && document.Kind != FeeScheduleKind.Name)
            {
                errors.Add(new MetadataError(display, "$.kind", null, null, LocalizedText.Of("fees.rule.platform-kind", ("kind", document.Kind))));
            }
            else if (document is not null && errors.Count == before)
            {
                result.Add(FeeSchedule.Read(document.Key, document.Spec));
            }
        }

        return errors.Count > 0 ? throw new MetadataValidationException(errors) : result;
    }
}

/// <summary>Reads the platform's schedules at start, so an invalid federal schedule is found before the first calculation.</summary>
internal sealed class PlatformFeeSchedulesCheck(PlatformFeeSchedules schedules) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = schedules.All;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
