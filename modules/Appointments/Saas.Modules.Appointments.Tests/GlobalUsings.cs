global using Saas.Platform.Metadata;
global using Saas.Testing;
