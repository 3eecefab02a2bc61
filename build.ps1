#!/usr/bin/env pwsh
# Thin wrapper over the dotnet CLI: the same commands the README and .ci/run use.
param(
    [ValidateSet('restore', 'build', 'test', 'pack', 'bench', 'all')]
    [string]$Target = 'all',
    [string]$Configuration = 'Release'
)
$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot

function Invoke-Dotnet([string[]]$Arguments) {
    & dotnet @Arguments
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($Arguments -join ' ') failed with exit code $LASTEXITCODE" }
}

switch ($Target) {
    'restore' { Invoke-Dotnet @('restore', 'ActorBroker.sln') }
    'build'   { Invoke-Dotnet @('build', 'ActorBroker.sln', '-c', $Configuration) }
    'test'    { Invoke-Dotnet @('test', 'ActorBroker.sln', '-m:1', '-c', $Configuration) }
    'pack'    { Invoke-Dotnet @('pack', 'ActorBroker.sln', '-c', $Configuration, '-o', 'artifacts') }
    'bench'   { Invoke-Dotnet @('run', '-c', 'Release', '--project', 'tests/ActorBroker.Benchmarks', '--', '--filter', '*') }
    'all' {
        Invoke-Dotnet @('restore', 'ActorBroker.sln')
        Invoke-Dotnet @('build', 'ActorBroker.sln', '-c', $Configuration, '--no-restore')
        Invoke-Dotnet @('test', 'ActorBroker.sln', '-m:1', '-c', $Configuration, '--no-build')
    }
}
