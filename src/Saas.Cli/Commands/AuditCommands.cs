using Microsoft.Extensions.Configuration;
using Saas.Platform.Audit;
using Saas.Platform.Tenancy;

namespace Saas.Cli.Commands;

/// <summary>
/// <c>saas audit verify</c> walks every authority's hash chain and reports the first broken link, and — when
/// <c>Audit:Checkpoints:Directory</c> is set — checks that the chain still contains its newest signed checkpoint.
/// <c>saas audit checkpoint</c> verifies each chain and signs its head (run it from cron, e.g. hourly).
/// </summary>
internal static class AuditCommands
{
    public static Command Create()
    {
        var audit = new Command("audit", "The audit trail");
        var verify = new Command("verify", "Checks every authority's chain (and its newest signed checkpoint); exits 1 if any row was changed, deleted or cut off");
        verify.SetAction(async (_, ct) =>
        {
            await using var services = CliServices.Build();
            var checkpoints = AuditCheckpoints.From(services.GetRequiredService<IConfiguration>());
            var broken = 0;
            await ForEachAuthorityAsync(services, async (tenant, verifier) =>
            {
                AuditCheckpoint? anchor = null;
                if (checkpoints is not null)
                {
                    var (latest, problem) = await checkpoints.LatestAsync(tenant.Id, ct);
                    if (problem is not null)
                    {
                        Console.WriteLine($"{tenant.Key}: BROKEN: {problem}");
                        broken++;
                        return;
                    }

                    anchor = latest;
                }

                var result = await verifier.VerifyAsync(anchor?.Anchor, ct);
                var checkpointed = checkpoints is null ? "" : anchor is null ? ", no checkpoint yet" : $", checkpoint at event {anchor.Seq} of {anchor.SignedAt:u}";
                Console.WriteLine(result.Intact
                    ? $"{tenant.Key}: OK ({result.Events} events{checkpointed})"
                    : $"{tenant.Key}: BROKEN at event {result.FirstBrokenSeq}: {result.Problem}");
                broken += result.Intact ? 0 : 1;
            }, ct);
            return broken == 0 ? 0 : 1;
        });
        audit.Subcommands.Add(verify);

        var checkpoint = new Command("checkpoint", "Verifies every authority's chain and appends a signed checkpoint of its head to Audit:Checkpoints:Directory; exits 1 if a chain is broken");
        checkpoint.SetAction(async (_, ct) =>
        {
            await using var services = CliServices.Build();
            var checkpoints = AuditCheckpoints.From(services.GetRequiredService<IConfiguration>());
            if (checkpoints is null)
            {
                await Console.Error.WriteLineAsync("Audit:Checkpoints:Directory and Audit:Checkpoints:KeyPath are not set (e.g. Audit__Checkpoints__Directory).");
                return 2;
            }

            var clock = services.GetRequiredService<TimeProvider>();
            var broken = 0;
            await ForEachAuthorityAsync(services, async (tenant, verifier) =>
            {
                var (latest, problem) = await checkpoints.LatestAsync(tenant.Id, ct);
                var result = problem is null ? await verifier.VerifyAsync(latest?.Anchor, ct) : null;
                if (result is not { Intact: true })
                {
                    // A broken chain is never signed: that would make the cut the new truth.
                    Console.WriteLine($"{tenant.Key}: BROKEN, not signed: {problem ?? result!.Problem}");
                    broken++;
                    return;
                }

                var written = await checkpoints.WriteAsync(tenant.Id, tenant.Key, result, clock.GetUtcNow(), ct);
                Console.WriteLine($"{tenant.Key}: signed event {written.Seq}");
            }, ct);
            return broken == 0 ? 0 : 1;
        });
        audit.Subcommands.Add(checkpoint);
        return audit;
    }

    private static async Task ForEachAuthorityAsync(IServiceProvider services, Func<TenantInfo, IAuditVerifier, Task> action, CancellationToken ct)
    {
        var current = services.GetRequiredService<ICurrentTenant>();
        var verifier = services.GetRequiredService<IAuditVerifier>();
        foreach (var tenant in await services.GetRequiredService<ITenantCatalog>().ListAsync(ct))
        {
            using (current.Begin(tenant))
            {
                await action(tenant, verifier);
            }
        }
    }
}
