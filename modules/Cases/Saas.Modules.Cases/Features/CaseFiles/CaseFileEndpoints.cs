using Microsoft.AspNetCore.Http.HttpResults;

namespace Saas.Modules.Cases.Features.CaseFiles;

/// <summary>The body of <c>PUT /api/cases/files/{id}/person</c>: the corrected person data and the file's version as read.</summary>
internal sealed record ChangePersonDataBody(uint Version, string Surname, string? GivenNames, DateOnly? BirthDate, string[]? Nationalities,
    string[]? NameVariants, string? CentralRegisterNumber);

/// <summary>The body of <c>POST /api/cases/files/{id}/merge</c>: the file {id} goes into <paramref name="TargetId"/>.</summary>
internal sealed record MergeCaseFilesBody(Guid TargetId, uint? SourceVersion = null, uint? TargetVersion = null, bool ConfirmDifferentPersons = false);

/// <summary>Files over HTTP: each route binds, runs its use case and answers a typed result (docs/adr/0012).</summary>
internal static class CaseFileEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/cases/files").WithTags("e-Akte").RequireAuthorization(SaasPolicies.Staff);

        group.MapPost("", async Task<Created<CaseFileView>> (CreateCaseFileRequest request, CreateCaseFile create, CancellationToken ct) =>
        {
            var file = await create.ExecuteAsync(request, ct);
            return TypedResults.Created($"/api/cases/files/{file.Id}", CaseFileView.Of(file));
        });

        group.MapGet("/{id:guid}", async Task<Ok<CaseFileReadView>> (Guid id, ReadCaseFile read, CancellationToken ct) =>
        {
            var result = await read.ExecuteAsync(new ReadCaseFileRequest(id), ct);
            return TypedResults.Ok(new CaseFileReadView(CaseFileView.Of(result.File), [.. result.Documents.Select(CaseFileDocumentView.Of)]));
        });

        group.MapPut("/{id:guid}/person", async Task<Ok<CaseFileView>> (Guid id, ChangePersonDataBody body, ChangePersonData change, CancellationToken ct) =>
        {
            var result = await change.ExecuteAsync(new ChangePersonDataRequest(id, body.Version, body.Surname, body.GivenNames, body.BirthDate, body.Nationalities,
                body.NameVariants, body.CentralRegisterNumber), ct);
            return TypedResults.Ok(CaseFileView.Of(result.File));
        });

        group.MapPost("/{id:guid}/merge", async Task<Ok<MergeCaseFilesResult>> (Guid id, MergeCaseFilesBody body, MergeCaseFiles merge, CancellationToken ct) =>
            TypedResults.Ok(await merge.ExecuteAsync(new MergeCaseFilesRequest(id, body.TargetId, body.SourceVersion, body.TargetVersion, body.ConfirmDifferentPersons), ct)));

        endpoints.MapGet("/api/cases/nationalities", Ok<IReadOnlyList<Nationality>> (NationalityList list) => TypedResults.Ok(list.All))
            .WithTags("e-Akte").RequireAuthorization(SaasPolicies.Staff);
    }

    // Kept for the features not yet in the use-case shape (documents, transfer, retention, ingest), which name them.

    internal static SaasProblemException NotFound(Guid id) => CasesProblems.CaseFileNotFound(id);

    internal static object View(CaseFile file) => CaseFileView.Of(file);

    internal static (List<string> PhoneticCodes, string SearchName) SearchKeys(string surname, IReadOnlyList<string> variants) =>
        PersonKeys.SearchKeys(surname, variants);
}
