#!/usr/bin/env bash
# Test results and coverage kept under artifacts/ for CI to upload. Sourced by build/test.sh.
#   artifacts_prepare ROOT     empties and creates artifacts/test-results and artifacts/coverage; sets
#                              $results_dir and $coverage_dir
#   test_logger_args           prints the 'dotnet test' arguments: TRX and JUnit loggers, Cobertura coverage
#   trx_counts                 prints "PASSED FAILED", summed over the TRX files of the run
#   coverage_report            merges the per-assembly Cobertura files into artifacts/coverage/Cobertura.xml and
#                              prints the one-line summary ("coverage: line 81.2%, branch 70.4% ...")

artifacts_prepare() {
  results_dir="$1/artifacts/test-results"
  coverage_dir="$1/artifacts/coverage"
  rm -rf "$results_dir" "$coverage_dir"
  mkdir -p "$results_dir" "$coverage_dir"
}

test_logger_args() {
  printf '%s\n' \
    --results-directory "$results_dir" \
    --logger "trx" \
    --logger "junit;LogFilePath=$results_dir/{assembly}.junit.xml;MethodFormat=Class;FailureBodyFormat=Verbose" \
    --collect "XPlat Code Coverage" \
    --settings build/coverage.runsettings
}

trx_counts() {
  local passed=0 failed=0 trx counters p f
  for trx in "$results_dir"/*.trx; do
    [[ -f $trx ]] || continue
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
    p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
    f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
    passed=$((passed + ${p:-0}))
    failed=$((failed + ${f:-0}))
  done
  echo "$passed $failed"
}

# coverlet.collector writes one coverage.cobertura.xml per test assembly under a GUID folder of the results
# directory; they are moved to artifacts/coverage/assemblies/ and merged with ReportGenerator (a local dotnet tool).
coverage_report() {
  local n=0 file
  mkdir -p "$coverage_dir/assemblies"
  while IFS= read -r file; do
    n=$((n + 1))
    mv "$file" "$coverage_dir/assemblies/coverage-$n.cobertura.xml"
  done < <(find "$results_dir" -name 'coverage.cobertura.xml' -type f)
  find "$results_dir" -mindepth 1 -type d -empty -delete
  if [[ $n -eq 0 ]]; then
    echo "coverage: no coverage was collected"
    return 0
  fi
  if ! dotnet tool restore >/dev/null 2>&1 || ! dotnet tool run reportgenerator \
      "-reports:$coverage_dir/assemblies/*.cobertura.xml" "-targetdir:$coverage_dir" \
      "-reporttypes:Cobertura;TextSummary;MarkdownSummaryGithub" -verbosity:Warning >/dev/null; then
    echo "coverage: the $n Cobertura files are in $coverage_dir/assemblies (ReportGenerator could not merge them)"
    return 0
  fi
  awk -F': *' '
    /^ *Line coverage:/   { line = $2 }
    /^ *Branch coverage:/ { branch = $2 }
    /^ *Method coverage:/ { method = $2 }
    END { printf "coverage: line %s, branch %s, method %s of AuthFlow'"'"'s own assemblies (artifacts/coverage/Cobertura.xml)\n", line, branch, method }
  ' "$coverage_dir/Summary.txt"
}
