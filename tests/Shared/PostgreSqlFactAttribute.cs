namespace ActorBroker.Testing;

/// <summary>A test that needs the machine's PostgreSQL server binaries; skipped, saying so, where they are missing (.ci/run installs them).</summary>
public sealed class PostgreSqlFactAttribute : FactAttribute
{
    public PostgreSqlFactAttribute()
    {
        if (PostgreSqlBinaries.Directory is null) Skip = "PostgreSQL server binaries (initdb, pg_ctl) are not installed; .ci/run installs the postgresql package";
    }
}
