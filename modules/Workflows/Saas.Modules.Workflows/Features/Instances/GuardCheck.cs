using Saas.Modules.Organization.Contracts;
using Saas.Modules.Workflows.Features.Definitions;

namespace Saas.Modules.Workflows.Features.Instances;

/// <summary>One part of a guard and whether it holds, with the reason for a caseworker ("Nachweis „arbeitsvertrag“ fehlt").</summary>
internal sealed record GuardPart(string Part, bool Holds, LocalizedText Reason);

/// <summary>
/// Checks a transition's guard for the acting person: role, signing authority for the case's legal basis (from the
/// staff configuration, docs/adr/0022), required evidence in the file, the expression. Every part is checked, so the
/// workbench can say all reasons at once; nothing is written.
/// </summary>
internal sealed class GuardCheck(ICurrentActor actor, IStaffDirectory staff)
{
    /// <param name="signer">True when the person acts as the one who signs (not only proposes a co-signed step).</param>
    public async Task<IReadOnlyList<GuardPart>> CheckAsync(CompiledProcess process, ProcessTransition transition, ProcessInstance instance,
        ExpressionValues values, IReadOnlyList<string> documents, DateOnly today, bool signer, CancellationToken ct)
    {
        var parts = new List<GuardPart>();
        var guard = transition.Guard;
        var roles = guard.Roles.Count > 0 ? guard.Roles : [SaasRoles.Caseworker, SaasRoles.TenantAdmin];
        var hasRole = roles.Any(actor.HasRole);
        parts.Add(new GuardPart("role", hasRole, hasRole
            ? LocalizedText.Of("workflows.guard.role-held", ("roles", string.Join(", ", roles)))
            : LocalizedText.Of("workflows.guard.role-missing", ("roles", string.Join(", ", roles)))));

        if (guard.Signing && signer)
        {
            var basis = instance.LegalBasis;
            var may = basis is not null && await staff.MaySignAsync(actor.Identities, basis, ct);
            parts.Add(new GuardPart("signing", may, (basis, may) switch
            {
                (null, _) => new LocalizedText("workflows.guard.no-legal-basis"),
                (_, true) => LocalizedText.Of("workflows.guard.signing-held", ("basis", LegalBases.Display(basis))),
                _ => LocalizedText.Of("workflows.guard.signing-missing", ("basis", LegalBases.Display(basis))),
            }));
        }

        foreach (var type in guard.Documents)
        {
            var present = documents.Contains(type, StringComparer.Ordinal);
            parts.Add(new GuardPart("documents", present, LocalizedText.Of(present ? "workflows.guard.document-present" : "workflows.guard.document-missing", ("type", type))));
        }

        if (process.At(transition.Path + ".guard.when") is { } when)
        {
            var result = when.Evaluate(values, today, explain: true);
            var holds = result.IsTrue;
            var reason = result.Error is { } error
                ? LocalizedText.Of("workflows.guard.expression-stopped", ("reason", error))
                : result.Explanation ?? LocalizedText.Of(holds ? "workflows.guard.condition-met" : "workflows.guard.condition-failed", ("condition", when.Text));
            parts.Add(new GuardPart("when", holds, reason));
        }

        return parts;
    }
}
