namespace Saas.Modules.Cases.Tests.Features.Workbench;

/// <summary>What the viewer tests read: the source of a viewer page's frame or image, and the read records of one record in the trail.</summary>
internal static partial class ViewerPages
{
    /// <summary>The (decoded) source of the page's viewer frame or image.</summary>
    public static string FrameSource(string page)
    {
        var match = ViewerSource().Match(page);
        match.Success.ShouldBeTrue(page);
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <summary>The marker query (<c>viewing=…</c>) of a frame source.</summary>
    public static string Marker(string frame) => frame[(frame.IndexOf("?viewing=", StringComparison.Ordinal) + 1)..];

    /// <summary>The authority's audit records with one of these actions on this record, as <c>action:details</c>, in chain order.</summary>
    public static async Task<List<string>> ReadsAsync(TestDatabase database, Guid tenant, string recordId, params string[] actions)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var connection = new NpgsqlConnection(database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "SELECT action || ':' || coalesce(details, '') FROM audit.events WHERE tenant_id = $1 AND record_id = $2 AND action = ANY($3) ORDER BY seq", connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = tenant });
        cmd.Parameters.Add(new NpgsqlParameter { Value = recordId });
        cmd.Parameters.Add(new NpgsqlParameter { Value = actions });
        await using var reader = await cmd.ExecuteReaderAsync();
        var reads = new List<string>();
        while (await reader.ReadAsync())
        {
            reads.Add(reader.GetString(0));
        }

        return reads;
    }

    [GeneratedRegex("class=\"saas-viewer(?:-image)?\" src=\"([^\"]+)\"")]
    private static partial Regex ViewerSource();
}
