// Cost of the per-customer rules that every write and every search query pays.
#include <benchmark/benchmark.h>

#include "core/contact.hpp"
#include "core/text.hpp"
#include "modules/customers/model.hpp"

namespace {

void BM_NormalizeForSearch(benchmark::State& state) {
  for (auto _ : state)
    benchmark::DoNotOptimize(clientele::NormalizeForSearch("Jürgen Müller-Łukasz"));
}
BENCHMARK(BM_NormalizeForSearch);

void BM_ParsePhone(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(clientele::ParsePhone("020 7946 0958", "GB"));
}
BENCHMARK(BM_ParsePhone);

void BM_ParseEmail(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(clientele::ParseEmail("Ana.Lopez@Example.com"));
}
BENCHMARK(BM_ParseEmail);

void BM_PlanSearch(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(clientele::customers::PlanSearch("+44 20 79"));
}
BENCHMARK(BM_PlanSearch);

}  // namespace
