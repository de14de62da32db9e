#include "carbon/factor_table.h"

#include <algorithm>

namespace lgb::carbon {

Gas FactorEntry::headline_gas() const {
  if (scope == Scope::kOutside && !kg[static_cast<size_t>(Gas::kCO2e)]) return Gas::kCO2;
  return Gas::kCO2e;
}

bool FactorEntry::split_by_gas() const {
  return kg[static_cast<size_t>(Gas::kCO2)] && kg[static_cast<size_t>(Gas::kCH4)] &&
         kg[static_cast<size_t>(Gas::kN2O)];
}

FactorTable::FactorTable(int year, const std::vector<GhgFactor>& factors) : year_(year) {
  for (const auto& f : factors) {
    FactorEntry& e = entries_[f.key];
    e.scope_text = f.scope;
    e.scope = parse_scope(f.scope).value_or(Scope::k3);
    e.kg[static_cast<size_t>(f.gas)] = f.value;
    e.text[static_cast<size_t>(f.gas)] = f.text;
    if (f.key.level1 == kWasteLevel1 &&
        std::none_of(waste_streams_.begin(), waste_streams_.end(),
                     [&](const WasteStream& w) { return w.material == f.key.level3; }))
      waste_streams_.push_back({f.key.level2, f.key.level3});
  }
  std::stable_sort(waste_streams_.begin(), waste_streams_.end(),
                   [](const WasteStream& a, const WasteStream& b) {
                     return a.group != b.group ? a.group < b.group : a.material < b.material;
                   });
}

const FactorEntry* FactorTable::find(const FactorKey& key) const {
  auto it = entries_.find(key);
  return it == entries_.end() ? nullptr : &it->second;
}

const std::pair<const FactorKey, FactorEntry>* FactorTable::resolve(const FactorKey& key) const {
  if (auto it = entries_.find(key); it != entries_.end()) return &*it;
  const std::pair<const FactorKey, FactorEntry>* found = nullptr;
  // Keys sort by level 1, 2, 3 first, so the candidates are one run.
  for (auto it = entries_.lower_bound(FactorKey{key.level1, key.level2, key.level3, "", "", ""});
       it != entries_.end() && it->first.level1 == key.level1 && it->first.level2 == key.level2 &&
       it->first.level3 == key.level3;
       ++it) {
    if (it->first.column_text != key.column_text || it->first.unit != key.unit) continue;
    if (found) return nullptr;
    found = &*it;
  }
  return found;
}

const FactorTable::WasteStream* FactorTable::find_waste_stream(const std::string& material) const {
  for (const auto& w : waste_streams_)
    if (w.material == material) return &w;
  return nullptr;
}

std::optional<FactorKey> FactorTable::waste_key(const std::string& material,
                                                const std::string& column_text) const {
  const WasteStream* w = find_waste_stream(material);
  if (!w) return std::nullopt;
  FactorKey key{std::string(kWasteLevel1), w->group, material, "", column_text, "tonnes"};
  const FactorEntry* e = find(key);
  if (!e || !e->co2e()) return std::nullopt;
  return key;
}

}  // namespace lgb::carbon
