#Requires -Version 5.1
<#
.SYNOPSIS
    Builds the ConnectTools module into out/ConnectTools/<version>/, and optionally tests it or runs a demo.
.DESCRIPTION
    The build is one `dotnet publish` of src/ConnectTools: it compiles the assemblies, generates the MAML help and
    assembles the module folder (manifest with the version stamped, format file, assemblies, en-US help).
    -Test then runs every test: `dotnet test ConnectTools.sln`, whose module suite runs the Pester tests
    (tests/*.Tests.ps1) in a child pwsh against the built module.
    -Demo starts the Connect emulator on loopback and runs Get-ConnectInstance | Get-ConnectUser against it in a child
    pwsh, so the module can be tried without an AWS account.
.EXAMPLE
    ./build.ps1
.EXAMPLE
    ./build.ps1 -Test
.EXAMPLE
    ./build.ps1 -Demo
#>
[CmdletBinding()]
param(
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Run every test (xunit and Pester) after building.
    [switch] $Test,

    # Start the emulator and run the module against it after building.
    [switch] $Demo
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
Push-Location $PSScriptRoot
try {
    if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) {
        throw 'The .NET SDK (dotnet) is not on PATH. Install the .NET SDK 10 or later from https://dot.net and run ./build.ps1 again.'
    }

    dotnet publish src/ConnectTools/ConnectTools.csproj -c $Configuration
    if ($LASTEXITCODE -ne 0) { throw "dotnet publish failed with exit code $LASTEXITCODE." }

    [xml] $props = Get-Content -Raw (Join-Path $PSScriptRoot 'Directory.Build.props')
    $version = $props.Project.PropertyGroup.ConnectToolsVersion | Where-Object { $_ } | Select-Object -First 1
    $moduleDir = Join-Path $PSScriptRoot "out/ConnectTools/$version"
    Write-Host "Module: $moduleDir"

    if ($Test) {
        dotnet test ConnectTools.sln --logger 'console;verbosity=normal'
        if ($LASTEXITCODE -ne 0) { throw "Tests failed (dotnet test exit code $LASTEXITCODE)." }
    }

    if ($Demo) {
        $pwsh = (Get-Command pwsh -ErrorAction SilentlyContinue).Source
        if (-not $pwsh) { $pwsh = (Get-Process -Id $PID).Path }
        $log = [System.IO.Path]::GetTempFileName()
        $emulator = Start-Process dotnet -ArgumentList @('run', '--project', 'tests/ConnectTools.Emulator', '-c', $Configuration, '--', '--port', '0', '--users', '40') `
            -RedirectStandardOutput $log -PassThru -NoNewWindow
        try {
            $url = $null
            $deadline = [DateTime]::UtcNow.AddMinutes(2)
            while (-not $url -and [DateTime]::UtcNow -lt $deadline) {
                Start-Sleep -Milliseconds 300
                $line = Get-Content $log -ErrorAction SilentlyContinue | Select-String -Pattern 'listening on (http\S+)' | Select-Object -First 1
                if ($line) { $url = $line.Matches[0].Groups[1].Value }
                if ($emulator.HasExited) { throw "The emulator exited: $(Get-Content -Raw $log)" }
            }
            if (-not $url) { throw 'The emulator did not start within 2 minutes.' }
            $script = @"
Import-Module '$moduleDir/ConnectTools.psd1'
`$env:AWS_ACCESS_KEY_ID = 'AKIDEMULATOR00000001'; `$env:AWS_SECRET_ACCESS_KEY = 'emulator-secret-key-do-not-use'
Get-ConnectInstance -EndpointUrl '$url' -Region us-east-1 | Format-Table
Get-ConnectInstance -EndpointUrl '$url' -Region us-east-1 | Get-ConnectUser -EndpointUrl '$url' -Region us-east-1 | Select-Object -First 10 | Format-Table
"@
            & $pwsh -NoProfile -Command $script
            if ($LASTEXITCODE -ne 0) { throw "The demo failed (exit code $LASTEXITCODE)." }
        }
        finally {
            if (-not $emulator.HasExited) { Stop-Process -Id $emulator.Id -ErrorAction SilentlyContinue }
            Remove-Item $log -ErrorAction SilentlyContinue
        }
    }
}
finally {
    Pop-Location
}
