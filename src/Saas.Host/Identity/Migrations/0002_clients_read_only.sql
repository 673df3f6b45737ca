-- Least privilege (hardening item 3): the running application only reads the OpenID Connect clients and scopes
-- (redirect URIs, secrets, permissions). The embedded provider registers its clients at start-up through a
-- connection of the owner role (EmbeddedClientSeeder). Authorizations and tokens stay writable: OpenIddict
-- creates, redeems, revokes and prunes them while it runs, and its store updates whole rows.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON identity."OpenIddictApplications" FROM ${app_role};
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON identity."OpenIddictScopes" FROM ${app_role};
