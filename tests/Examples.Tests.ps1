# Every code example of README.md and docs/*.md (the help) runs here, as written, against emulators standing in for
# the Regions the examples name. The literal ids, ARNs, aliases, profiles and URLs of the examples are replaced from
# ONE table ($Placeholders); an example that does not work (a terminating error, an unexpected error, or no request
# at all for an example that calls a ConnectTools command) is a failing test.

BeforeDiscovery {
    $root = Split-Path -Parent $PSScriptRoot
    $script:Blocks = foreach ($file in @(Join-Path $root 'README.md') + @(Get-ChildItem -LiteralPath (Join-Path $root 'docs') -Filter '*.md' | ForEach-Object FullName)) {
        $name = Split-Path -Leaf $file
        $about = $name -like 'about_*'
        $lines = Get-Content -LiteralPath $file
        $in = $false; $code = $null; $start = 0; $run = $false
        for ($i = 0; $i -lt $lines.Count; $i++) {
            $line = $lines[$i]
            if (-not $in -and $line -match '^```(\w*)\s*$') {
                $in = $true; $code = [System.Collections.Generic.List[string]]::new(); $start = $i + 1
                # README and cmdlet help: ```powershell blocks. The about topic has no language tags: every block is PowerShell.
                $run = $Matches[1] -eq 'powershell' -or ($about -and $Matches[1] -eq '')
                continue
            }
            if ($in -and $line -match '^```\s*$') {
                $in = $false
                if ($run) { @{ File = $name; Line = $start; Code = ($code -join "`n"); First = ($code | Where-Object { $_.Trim() -and -not $_.Trim().StartsWith('#') } | Select-Object -First 1) } }
                continue
            }
            if ($in) { $code.Add($line) }
        }
    }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    # The same data in three Regions (same ids: the emulator's data is generated from its counts), as the examples
    # name us-east-1, us-west-2 and eu-west-2. us-east-1 also accepts unsigned requests, for the -NoSignRequest examples.
    $script:Emus = [ordered]@{
        'us-east-1' = Start-TestEmulator -Instances 2 -Users 3 -Arguments '--no-quotas', '--no-auth'
        'us-west-2' = Start-TestEmulator -Instances 2 -Users 3 -Arguments '--no-quotas', '--region', 'us-west-2'
        'eu-west-2' = Start-TestEmulator -Instances 2 -Users 3 -Arguments '--no-quotas', '--region', 'eu-west-2'
    }
    $script:AwsState = Enter-TestAwsEnvironment
    $script:SavedMap = $env:CONNECTTOOLS_ENDPOINT_URLS
    # Calls without -EndpointUrl go to the emulator of their Region; nothing reaches AWS.
    $env:CONNECTTOOLS_ENDPOINT_URLS = ($Emus.Keys | ForEach-Object { "$_=$($Emus[$_].Url)" }) -join ';'
    Add-StoredCredentialType   # loads AWS Tools' AWSSDK.Core copy, as AWS.Tools.Common would, for the Set-AWSCredential stand-in

    $east = $Emus['us-east-1'].Data
    $i1 = $east.Instances[0]; $i2 = $east.Instances[1]
    $account = $i1.Arn.Split(':')[4]
    $script:Values = @{ Instance = $i1; Account = $account }

    # THE table: what the examples say -> what the emulators have. Longest first, so ARNs are replaced before ids.
    $script:Placeholders = [ordered]@{
        'http://127.0.0.1:5000/'                  = $Emus['us-east-1'].Url
        'Import-Module ./out/ConnectTools/0.1.0/ConnectTools.psd1' = "Import-Module '$ModuleManifest'"
        'Import-Module ConnectTools'              = "Import-Module '$ModuleManifest'"
        '123456789012'                            = $account
        '40c83b68-ea62-414c-97bb-d018e39e158e'    = $i1.Id                      # an instance
        '7d1e55a5-0c3a-4d24-8a5c-2f6c13f0a9d4'    = $i2.Id                      # another instance
        '0c245dc0-0cf5-4e37-800e-2a7481cc8a60'    = $i1.Users[0].Id             # a user of the first instance
        '5d8a7f3e-2c4b-4d7e-9a1f-6b0c3e2d1a90'    = $i1.Users[1].Id             # another user of it
        '0be36ee9-2b5f-4ef4-bcf7-87738e5be0e5'    = $i1.Users[0].RoutingProfileId
        '9fcb3a52-7d2c-4f1b-8e57-3d2f0c1a6b44'    = @($i1.Users[0].SecurityProfileIds)[0]
        "'prod-*'"                                = "'emulator-cc-*'"
        "'prod*'"                                 = "'emulator-cc*'"
        "'support-cc'"                            = "'emulator-cc-2'"
        'support-cc'                              = 'emulator-cc-2'
        "'contact-center-*'"                      = "'emulator-cc-*'"
    }
    # Variables the README's examples use as they stand.
    $script:Preamble = "`$id = '$($i1.Id)'; `$rp = '$($i1.Users[0].RoutingProfileId)'`n"

    function Set-ExampleFiles([string] $Dir) {
        # The files the examples read, with what the help says they hold.
        "InstanceId,UserId`n$($i1.Id),$($i1.Users[0].Id)`n$($i1.Id),$($i1.Users[1].Id)" | Set-Content -LiteralPath (Join-Path $Dir 'users.csv')
        ConvertTo-Json -InputObject @(@{ InstanceId = $i1.Id; UserId = $i1.Users[0].Id }) | Set-Content -LiteralPath (Join-Path $Dir 'ids.json')
        $i1.Id, $i2.Id | Set-Content -LiteralPath (Join-Path $Dir 'instance-ids.txt')
        # Profiles the examples name.
        $profiles = foreach ($p in 'default', 'prod-admin', 'my-profile') { "[$p]`naws_access_key_id = $DemoAccessKey`naws_secret_access_key = $DemoSecretKey`n" }
        $profiles -join "`n" | Set-Content -LiteralPath $env:AWS_SHARED_CREDENTIALS_FILE
    }

    # AWS.Tools.Common and interactive commands the examples use, stood in for.
    function global:Set-AWSCredential([string] $ProfileName) {
        $global:StoredAWSCredentials = [Amazon.PowerShell.Common.AWSPSCredentials]::new([Amazon.Runtime.BasicAWSCredentials]::new($DemoAccessKey, $DemoSecretKey), $ProfileName)
    }
    function global:Set-DefaultAWSRegion([string] $Region) { $global:StoredAWSRegion = $Region }
    function global:Get-Credential([string] $Message) { [pscredential]::new($DemoAccessKey, (ConvertTo-SecureString $DemoSecretKey -AsPlainText -Force)) }
}

AfterAll {
    Remove-Item -Path function:global:Set-AWSCredential, function:global:Set-DefaultAWSRegion, function:global:Get-Credential -ErrorAction SilentlyContinue
    $env:CONNECTTOOLS_ENDPOINT_URLS = $script:SavedMap
    if ($script:AwsState) { Exit-TestAwsEnvironment $script:AwsState }
    $script:Emus.Values | Stop-TestEmulator
}

Describe 'Documented examples run as written' {
    BeforeEach {
        $script:Dir = Get-FreeTempDirectory
        Set-ExampleFiles $Dir
        foreach ($e in $Emus.Values) { Reset-EmulatorStats $e }
        $script:SavedProfileVar = $env:AWS_PROFILE
        Push-Location -LiteralPath $Dir
    }
    AfterEach {
        Pop-Location
        $env:AWS_PROFILE = $script:SavedProfileVar
        Remove-Variable -Name StoredAWSCredentials, StoredAWSRegion -Scope Global -ErrorAction SilentlyContinue
        Remove-Item -LiteralPath $Dir -Recurse -Force -ErrorAction SilentlyContinue
    }

    It '<File> line <Line>: <First>' -ForEach $Blocks {
        $text = $Code
        foreach ($k in $Placeholders.Keys) { $text = $text.Replace($k, $Placeholders[$k]) }
        # Every Region the example names has an emulator (so nothing can reach AWS).
        foreach ($m in [regex]::Matches($text, '\b(?:us|eu|ap|ca|sa|af|me)-[a-z]+-\d\b')) { $Emus.Keys | Should -Contain $m.Value -Because 'the example names this Region' }
        $r = Invoke-Captured ([scriptblock]::Create($Preamble + $text))
        $r.Terminating | Should -BeNullOrEmpty -Because "the example should run as written; it threw: $($r.Terminating)"
        if ($text -match '-ErrorVariable') {
            # Examples about errors show not-found errors on purpose, and only those.
            $r.Errors | ForEach-Object { $_.FullyQualifiedErrorId | Should -Match '^Connect(Instance|User)NotFound,' }
        }
        else {
            $r.Errors.Count | Should -Be 0 -Because "the example wrote errors: $($r.Errors -join '; ')"
        }
        if ($text -match 'Get-Connect(Instance|User)') {
            $requests = ($Emus.Values | ForEach-Object { (Get-EmulatorStats $_).TotalRequests } | Measure-Object -Sum).Sum
            $requests | Should -BeGreaterThan 0 -Because 'the example calls Amazon Connect'
        }
    }
}
