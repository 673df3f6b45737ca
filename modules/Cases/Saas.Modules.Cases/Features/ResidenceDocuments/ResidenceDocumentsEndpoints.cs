using Microsoft.AspNetCore.Http.HttpResults;
using Saas.Modules.Cases.Contracts;

namespace Saas.Modules.Cases.Features.ResidenceDocuments;

/// <summary>The body of <c>POST /api/cases/files/{id}/residence-titles</c>.</summary>
internal sealed record RecordResidenceTitleBody(string LegalBasis, DateOnly ValidFrom, DateOnly? ValidUntil, string? CardNumber, string[]? Conditions, Guid? CaseId);

/// <summary>The body of <c>POST /api/cases/files/{id}/passports</c>.</summary>
internal sealed record RecordPassportBody(string Number, string IssuingState, DateOnly ValidUntil);

/// <summary>Residence titles and passports over HTTP: bind, run the use case, answer a typed result (docs/adr/0012).</summary>
internal static class ResidenceDocumentsEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/cases").WithTags("e-Akte").RequireAuthorization(SaasPolicies.Staff);

        group.MapGet("/files/{id:guid}/residence", async Task<Ok<PersonResidenceDocuments>> (Guid id, ReadResidenceDocuments read, CancellationToken ct) =>
            TypedResults.Ok(await read.ExecuteAsync(new ReadResidenceDocumentsRequest(id), ct)));

        group.MapPost("/files/{id:guid}/residence-titles", async Task<Created<ResidenceTitleRecord>> (Guid id, RecordResidenceTitleBody body, RecordResidenceTitle record, CancellationToken ct) =>
        {
            var title = await record.ExecuteAsync(new NewResidenceTitle(id, body.LegalBasis, body.ValidFrom, body.ValidUntil, body.CardNumber, body.Conditions, body.CaseId), ct);
            return TypedResults.Created($"/api/cases/files/{id}/residence", title);
        });

        group.MapPost("/files/{id:guid}/passports", async Task<Created<PassportRecord>> (Guid id, RecordPassportBody body, RecordPassport record, CancellationToken ct) =>
        {
            var passport = await record.ExecuteAsync(new NewPassport(id, body.Number, body.IssuingState, body.ValidUntil), ct);
            return TypedResults.Created($"/api/cases/files/{id}/residence", passport);
        });

        group.MapGet("/residence/expiring", async Task<Ok<IReadOnlyList<ExpiringResidenceDocument>>> (DateOnly from, DateOnly to, FindExpiringResidenceDocuments find, CancellationToken ct) =>
            TypedResults.Ok(await find.ExecuteAsync(new FindExpiringRequest(from, to), ct)));
    }
}
