# Safe in parallel runspaces: ForEach-Object -Parallel and Start-ThreadJob with 8 runspaces in one process, over
# different Regions and credentials, give each runspace its own correct answer (no shared client, credential or
# Region leaks from one to another).

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Keys = 1..4 | ForEach-Object { @{ Key = "AKIDPARALLEL0000000$_"; Secret = "parallel-secret-$_" } }
    $creds = foreach ($k in $Keys) { '--credential'; "$($k.Key)=$($k.Secret)" }
    $script:East = Start-TestEmulator -Instances 2 -Users 3 -Arguments (@('--no-quotas') + $creds)
    $script:West = Start-TestEmulator -Instances 3 -Users 2 -Arguments (@('--no-quotas', '--region', 'us-west-2') + $creds)
    # Eight jobs: each Region with each key, every other one with a wrong secret (it must fail, and only it).
    $script:Jobs = for ($i = 0; $i -lt 8; $i++) {
        $emu = if ($i % 2) { $West } else { $East }
        $k = $Keys[[int][math]::Floor($i / 2)]
        [pscustomobject]@{
            N = $i; Url = $emu.Url; Region = if ($i % 2) { 'us-west-2' } else { 'us-east-1' }
            Key = $k.Key; Secret = if ($i % 4 -eq 3) { 'wrong-secret' } else { $k.Secret }
            WantIds = @($emu.Data.Instances.Id | Sort-Object); WantOk = ($i % 4 -ne 3)
        }
    }
    $script:Work = {
        param($job, $manifest)
        Import-Module $manifest
        $ErrorActionPreference = 'Continue'
        $instances = @(); $failure = $null
        try {
            $cred = [pscredential]::new($job.Key, (ConvertTo-SecureString $job.Secret -AsPlainText -Force))
            $instances = @(Get-ConnectInstance -Region $job.Region -Credential $cred -EndpointUrl $job.Url -ErrorAction Stop)
            $users = @($instances | Get-ConnectUser -Credential $cred -EndpointUrl $job.Url -Summary -ErrorAction Stop)
        }
        catch { $failure = $_.FullyQualifiedErrorId }
        [pscustomobject]@{ N = $job.N; Ids = @($instances.InstanceId | Sort-Object); Regions = @($instances.Region + $users.Region | Sort-Object -Unique); Users = $users.Count; Failure = $failure }
    }

    function Assert-JobResults($results) {
        @($results).Count | Should -Be 8
        foreach ($r in $results) {
            $job = $Jobs[$r.N]
            if ($job.WantOk) {
                $r.Failure | Should -BeNullOrEmpty -Because "job $($r.N) has the right secret"
                $r.Ids | Should -Be $job.WantIds -Because "job $($r.N) asked $($job.Region)"
                $r.Regions | Should -Be @($job.Region)
                $r.Users | Should -Be ($(if ($job.Region -eq 'us-west-2') { 3 * 2 } else { 2 * 3 }))
            }
            else {
                $r.Failure | Should -Be 'ConnectAuthenticationFailed,ConnectTools.Commands.GetConnectInstanceCommand' -Because "job $($r.N) has a wrong secret"
            }
        }
    }
}

AfterAll {
    $script:East, $script:West | Stop-TestEmulator
}

Describe 'Parallel runspaces' {
    It 'ForEach-Object -Parallel -ThrottleLimit 8: each runspace gets its own Region''s instances with its own credentials' {
        $work = $Work.ToString(); $manifest = $ModuleManifest
        $results = $Jobs | ForEach-Object -ThrottleLimit 8 -Parallel {
            & ([scriptblock]::Create($using:work)) $_ $using:manifest
        }
        Assert-JobResults $results
        (Get-EmulatorStats $East).Operations.ListInstances.Requests | Should -BeGreaterOrEqual 4
    }

    It 'Start-ThreadJob, 8 jobs: the same, twice over (clients cached per credential and Region are not shared wrongly)' {
        foreach ($round in 1, 2) {
            $threads = foreach ($job in $Jobs) { Start-ThreadJob -ThrottleLimit 8 -ScriptBlock $Work -ArgumentList $job, $ModuleManifest }
            $results = $threads | Wait-Job | Receive-Job
            $threads | Remove-Job
            Assert-JobResults $results
        }
    }
}
