using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace Saas.Host.Operations;

/// <summary>
/// Keeps ASP.NET Core data-protection keys (cookies, antiforgery, OpenIddict's tokens) in PostgreSQL, so every
/// replica can read what another one wrote and the host itself holds no state.
/// </summary>
internal sealed class DatabaseXmlRepository(AppDataSource db, ICurrentTenant currentTenant) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var scope = currentTenant.BeginPlatformScope();
        using var connection = db.DataSource.OpenConnection();
        db.Session.Bind(connection);
        using var cmd = new NpgsqlCommand("SELECT xml FROM platform.data_protection_keys ORDER BY id", connection);
        using var reader = cmd.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read())
        {
            elements.Add(XElement.Parse(reader.GetString(0)));
        }

        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        using var scope = currentTenant.BeginPlatformScope();
        using var connection = db.DataSource.OpenConnection();
        db.Session.Bind(connection);
        using var cmd = new NpgsqlCommand("INSERT INTO platform.data_protection_keys(friendly_name, xml) VALUES ($1, $2)", connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = friendlyName });
        cmd.Parameters.Add(new NpgsqlParameter { Value = element.ToString(SaveOptions.DisableFormatting) });
        cmd.ExecuteNonQuery();
    }
}
