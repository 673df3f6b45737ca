using Saas.Platform.Audit;
using Saas.Platform.Tenancy;

namespace Saas.Cli.Commands;

/// <summary><c>saas audit verify</c>: walks every authority's hash chain and reports the first broken link.</summary>
internal static class AuditCommands
{
    public static Command Create()
    {
        var audit = new Command("audit", "The audit trail");
        var verify = new Command("verify", "Checks every authority's chain; exits 1 if any row was changed, deleted or cut off");
        verify.SetAction(async (_, ct) =>
        {
            await using var services = CliServices.Build();
            var current = services.GetRequiredService<ICurrentTenant>();
            var verifier = services.GetRequiredService<IAuditVerifier>();
            var broken = 0;
            foreach (var tenant in await services.GetRequiredService<ITenantCatalog>().ListAsync(ct))
            {
                using (current.Begin(tenant))
                {
                    var result = await verifier.VerifyAsync(ct);
                    Console.WriteLine(result.Intact
                        ? $"{tenant.Key}: OK ({result.Events} events)"
                        : $"{tenant.Key}: BROKEN at event {result.FirstBrokenSeq}: {result.Problem}");
                    broken += result.Intact ? 0 : 1;
                }
            }

            return broken == 0 ? 0 : 1;
        });
        audit.Subcommands.Add(verify);
        return audit;
    }
}
