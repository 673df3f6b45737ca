using Saas.Modules.Organization.Contracts;

namespace Saas.Modules.Organization.Features.Profile;

internal sealed record FindResponsibleCaseworkerRequest(string Unit, string Surname);

/// <summary>The answer of <c>GET /api/organization/responsible</c>: who in a unit handles a surname.</summary>
internal sealed record ResponsibleCaseworkerView(string Unit, string Caseworker);

/// <summary>
/// Who in a unit is responsible for a surname (its surname ranges). A surname is personal data: who looked up whom
/// is recorded (<c>organization.responsible.read</c>), whether or not someone is found.
/// </summary>
internal sealed class FindResponsibleCaseworker(IOrganizationDirectory directory, IAuditTrail audit)
{
    public async Task<ResponsibleCaseworkerView> ExecuteAsync(FindResponsibleCaseworkerRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        await audit.RecordAsync(
            new AuditEntry("organization.responsible.read", "surname", null, $"unit {request.Unit}", PersonalData: true), ct);
        return await directory.FindResponsibleCaseworkerAsync(request.Unit, request.Surname, ct) is { } caseworker
            ? new ResponsibleCaseworkerView(request.Unit, caseworker)
            : throw OrganizationProblems.NotFound($"{request.Unit}/{request.Surname}");
    }
}
