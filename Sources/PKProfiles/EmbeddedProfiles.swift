// Generated from the JSON files in Profiles/ by Tests/PKProfilesTests/EmbeddedProfilesTests.swift.
// Do not edit: change the JSON files, then run
//   KETASIM_REGENERATE=1 swift test --filter EmbeddedProfilesTests

/// The contents of the built-in profile and band files, by file name.
enum EmbeddedProfiles {
    static let files: [String: String] = [
        "bands.json": ####"""
[
  {"name": "analgesia", "analyte": "racemic", "lowNgPerML": 70, "highNgPerML": 160,
   "source": "Reviews via Zanos 2018 Pharmacol Rev Table 1 (S27); >100 ng/mL used as target (Hornik 2018, S13); 0.1 mg/L 'analgesia in adults' (Herd 2007, S11)"},
  {"name": "dissociation", "analyte": "racemic", "lowNgPerML": 100, "highNgPerML": 250,
   "source": "Zanos 2018 Table 1 (S27): 100-250 ng/mL during 0.5 mg/kg over 40 min (Krystal 1994 design)"},
  {"name": "awakening", "analyte": "racemic", "lowNgPerML": 640, "highNgPerML": 750,
   "source": "Idvall 1979 (S29): recovery at 2.7 umol/L (~640 ng/mL); 750 ng/mL used as awakening target (Hornik 2018, S13); 0.74 (SD 0.24) mg/L (Herd 2008, S32)"},
  {"name": "anaesthesia", "analyte": "racemic", "lowNgPerML": 1200,
   "source": "IV 1-2 mg/kg gives 1200-2400 ng/mL (Zanos 2018, S27); EC50 2 mg/L (Herd 2008, S32); maintenance ~2.2 ug/mL (Idvall 1979, S29)"},
  {"name": "drug-high", "analyte": "S-ketamine", "lowNgPerML": 71,
   "source": "Simons 2022 Part 2 (S6 abstract): C50 drug high 0.3 nmol/mL = ~71 ng/mL [calc]", "note": "a C50, used as the lower edge of an open band"},
  {"name": "dissociation", "analyte": "S-ketamine", "lowNgPerML": 50, "highNgPerML": 125, "unconfirmed": true,
   "source": "[calc] racemic 100-250 ng/mL divided by the S/racemate potency ratio ~2 (Schuettler 1987 EEG IC50, S33; Peltoniemi 2016, S36): rough"},
  {"name": "subanaesthetic-target", "analyte": "S-ketamine", "lowNgPerML": 150, "highNgPerML": 160,
   "source": "Langsjo 2005 (S30): S-ketamine subanaesthetic PET target ~150-160 ng/mL"},
  {"name": "antinociception", "analyte": "S-ketamine", "lowNgPerML": 285, "highNgPerML": 404,
   "source": "Simons 2022 Part 2 (S6): antinociception C50 1.2-1.7 nmol/mL = ~285-404 ng/mL [calc]"},
  {"name": "anaesthesia", "analyte": "S-ketamine", "lowNgPerML": 2000,
   "source": "Langsjo 2005 (S30): S-ketamine anaesthesia ~2000 ng/mL (measured 1959 +/- 442 at 1500-2000 targets)"}
]
"""####,
        "clements-1981.profile.json": ####"""
{
  "name": "clements-1981",
  "title": "Racemic ketamine, Clements & Nimmo 1981 (250 ug/kg set) with the racemic route set",
  "analyte": "racemic",
  "drug": "racemic ketamine",
  "population": "adult volunteers, 0.25 mg/kg IV (population details UNCONFIRMED)",
  "citation": "Clements JA, Nimmo WS. Br J Anaesth 1981;53:27 (parameters via opentiva, UNCONFIRMED against the paper); routes and metabolite as noted per parameter",
  "sampling": "venous (UNCONFIRMED)",
  "notes": [
    "Chosen as the racemic default: CL 80 L/h at 70 kg matches the Kamp 2020 meta-analysis (79 L/h/70 kg) and the 10 mg IV cross-check (~88 L/h); predicts ~177 ng/mL for 0.5 mg/kg over 40 min vs ~185 observed (research notes 1.5, 1.6).",
    "Micro-constants with V1 per kg, as in TCI pumps: all volumes and clearances scale linearly with weight.",
    "Route set: F from the route table (research notes section 2); no published racemic model gives KA, so each KA is fitted [calc] to the published mean Tmax on this disposition.",
    "Oral and sublingual first pass: the part of the dose reaching the circulation as norketamine (combined K+NK F minus parent F, Chong 2006) enters the metabolite compartment through a depot with the route's KA.",
    "Norketamine: no racemic norketamine disposition was found; the Otto 2021 S-norketamine set is used, scaled allometrically (assumption).",
    "Amounts are parent-equivalent mg; norketamine concentration is converted with MW 223.70/237.73.",
    "ke0 from Olofsen 2012 (S-ketamine): opentiva's Clements ke0 (5.2/min) is back-calculated from an assumed 1-min time to peak effect, not measured, and is not used."
  ],
  "parameters": [
    {
      "name": "V1",
      "value": 1.7522,
      "unit": "L/kg",
      "source": "Clements & Nimmo 1981 Br J Anaesth 53:27 ('250 ug/kg' set), as coded in opentiva ketamine.py (research notes S8)",
      "unconfirmed": true,
      "note": "central volume per kg of body weight"
    },
    {
      "name": "K10",
      "value": 0.0109,
      "unit": "1/min",
      "source": "Clements & Nimmo 1981 Br J Anaesth 53:27 ('250 ug/kg' set), as coded in opentiva ketamine.py (research notes S8)",
      "unconfirmed": true
    },
    {
      "name": "K12",
      "value": 0.0186,
      "unit": "1/min",
      "source": "Clements & Nimmo 1981 Br J Anaesth 53:27 ('250 ug/kg' set), as coded in opentiva ketamine.py (research notes S8)",
      "unconfirmed": true
    },
    {
      "name": "K21",
      "value": 0.0137,
      "unit": "1/min",
      "source": "Clements & Nimmo 1981 Br J Anaesth 53:27 ('250 ug/kg' set), as coded in opentiva ketamine.py (research notes S8)",
      "unconfirmed": true
    },
    {
      "name": "FM",
      "value": 0.8,
      "unit": "fraction",
      "source": "Simons 2022 (research notes S5/S6): 80% of metabolised S-ketamine fixed to form S-norketamine; assumed for racemic ketamine",
      "unconfirmed": true
    },
    {
      "name": "CLM",
      "value": 57.7,
      "unit": "L/h",
      "source": "Otto 2021 S-norketamine re-estimate (S4), 70 kg; assumed for racemic norketamine",
      "unconfirmed": true
    },
    {
      "name": "VM",
      "value": 98.6,
      "unit": "L",
      "source": "Otto 2021 (S4), 70 kg; assumed for racemic norketamine",
      "unconfirmed": true
    },
    {
      "name": "QM",
      "value": 42.8,
      "unit": "L/h",
      "source": "Otto 2021 (S4), 70 kg; assumed for racemic norketamine",
      "unconfirmed": true
    },
    {
      "name": "VMP",
      "value": 160,
      "unit": "L",
      "source": "Otto 2021 (S4), 70 kg; assumed for racemic norketamine",
      "unconfirmed": true
    },
    {
      "name": "T12KE0",
      "value": 6.1,
      "unit": "min",
      "source": "Olofsen 2012 Anesthesiology 117:353 (S34): mean t1/2ke0 across endpoints, S-ketamine; assumed for racemic"
    },
    {
      "name": "F_IM",
      "value": 0.93,
      "unit": "fraction",
      "source": "Clements 1982 J Pharm Sci via secondary pages (research notes S18): primary not retrieved",
      "unconfirmed": true
    },
    {
      "name": "KA_IM",
      "value": 14.8,
      "unit": "1/h",
      "source": "[calc] fitted to Tmax 10 min (middle of the 5-15 min review figure, S18, UNCONFIRMED) on this disposition",
      "calc": true
    },
    {
      "name": "LAG_IM",
      "value": 0,
      "unit": "h",
      "source": "no published ketamine model uses a true lag (research notes section 2)"
    },
    {
      "name": "F_IN",
      "value": 0.45,
      "unit": "fraction",
      "source": "Yanagihara 2003 Biopharm Drug Dispos 24:37 (S19), n = 3; note adults 10/30/50 mg gave 0.17/0.13/0.11 (Pharmacotherapy 2022, S17)"
    },
    {
      "name": "KA_IN",
      "value": 5.2,
      "unit": "1/h",
      "source": "[calc] fitted to Tmax 20 min (adult IN Tmax 14-23 min, S17; ~20 min children, Malinovsky 1996, S21)",
      "calc": true
    },
    {
      "name": "LAG_IN",
      "value": 0,
      "unit": "h",
      "source": "no published ketamine model uses a true lag (research notes section 2)"
    },
    {
      "name": "F_PO",
      "value": 0.2,
      "unit": "fraction",
      "source": "Yanagihara 2003 (S19, n = 3); reviews 0.17-0.20 (S18)"
    },
    {
      "name": "KA_PO",
      "value": 0.992,
      "unit": "1/h",
      "source": "[calc] fitted to Tmax 0.96 h (Chong 2006, S23)",
      "calc": true
    },
    {
      "name": "LAG_PO",
      "value": 0,
      "unit": "h",
      "source": "no published ketamine model uses a true lag (research notes section 2)"
    },
    {
      "name": "FP_PO",
      "value": 0.39,
      "unit": "fraction",
      "source": "[calc] combined K+NK F 59% (Chong 2006, S23) minus parent F 0.20",
      "calc": true
    },
    {
      "name": "F_SL",
      "value": 0.29,
      "unit": "fraction",
      "source": "Rolan 2014 Br J Clin Pharmacol 77:1011 (S24): 0.29 (90% CI 0.27-0.31), 25 mg wafer"
    },
    {
      "name": "KA_SL",
      "value": 1.44,
      "unit": "1/h",
      "source": "[calc] fitted to Tmax 0.75 h (Rolan 2014, S24; Chong 2006 0.76 h)",
      "calc": true
    },
    {
      "name": "LAG_SL",
      "value": 0,
      "unit": "h",
      "source": "no published ketamine model uses a true lag (research notes section 2)"
    },
    {
      "name": "FP_SL",
      "value": 0.22,
      "unit": "fraction",
      "source": "[calc] combined K+NK F 54% with parent F 0.32 (Chong 2006, S23)",
      "calc": true
    },
    {
      "name": "F_PR",
      "value": 0.25,
      "unit": "fraction",
      "source": "Malinovsky 1996 Br J Anaesth 77:203 (S21), children 9 mg/kg"
    },
    {
      "name": "KA_PR",
      "value": 1.6,
      "unit": "1/h",
      "source": "[calc] fitted to Tmax 42 min (Malinovsky 1996, S21)",
      "calc": true
    },
    {
      "name": "LAG_PR",
      "value": 0,
      "unit": "h",
      "source": "no published ketamine model uses a true lag (research notes section 2)"
    },
    {
      "name": "KE0",
      "value": 6.817841120261757,
      "unit": "1/h",
      "source": "[calc] ln 2 / T12KE0 (6.1 min)",
      "calc": true
    }
  ],
  "compartments": [
    {
      "name": "depot.im"
    },
    {
      "name": "depot.in"
    },
    {
      "name": "depot.po"
    },
    {
      "name": "depot.po.firstpass"
    },
    {
      "name": "depot.sl"
    },
    {
      "name": "depot.sl.firstpass"
    },
    {
      "name": "depot.pr"
    },
    {
      "name": "central",
      "volume": "V1"
    },
    {
      "name": "peripheral"
    },
    {
      "name": "metabolite",
      "volume": "VM"
    },
    {
      "name": "metabolitePeripheral",
      "volume": "VMP"
    },
    {
      "name": "effect",
      "effect": {
        "source": "central",
        "ke0": "KE0"
      }
    }
  ],
  "flows": [
    {
      "from": "depot.im",
      "to": "central",
      "rate": "KA_IM"
    },
    {
      "from": "depot.in",
      "to": "central",
      "rate": "KA_IN"
    },
    {
      "from": "depot.po",
      "to": "central",
      "rate": "KA_PO"
    },
    {
      "from": "depot.po.firstpass",
      "to": "metabolite",
      "rate": "KA_PO"
    },
    {
      "from": "depot.sl",
      "to": "central",
      "rate": "KA_SL"
    },
    {
      "from": "depot.sl.firstpass",
      "to": "metabolite",
      "rate": "KA_SL"
    },
    {
      "from": "depot.pr",
      "to": "central",
      "rate": "KA_PR"
    },
    {
      "from": "central",
      "to": "peripheral",
      "rate": "K12"
    },
    {
      "from": "peripheral",
      "to": "central",
      "rate": "K21"
    },
    {
      "from": "central",
      "to": "metabolite",
      "rate": "K10",
      "yield": "FM"
    },
    {
      "from": "metabolite",
      "to": null,
      "rate": "CLM/VM"
    },
    {
      "from": "metabolite",
      "to": "metabolitePeripheral",
      "rate": "QM/VM"
    },
    {
      "from": "metabolitePeripheral",
      "to": "metabolite",
      "rate": "QM/VMP"
    }
  ],
  "outputs": [
    {
      "name": "CP",
      "compartment": "central",
      "scale": 1000,
      "unit": "ng/mL"
    },
    {
      "name": "CM",
      "compartment": "metabolite",
      "scale": 940.9834686408951,
      "unit": "ng/mL"
    },
    {
      "name": "CE",
      "compartment": "effect",
      "scale": 1000,
      "unit": "ng/mL"
    }
  ],
  "routes": {
    "iv": {
      "inputs": [
        {
          "compartment": "central",
          "fraction": "1"
        }
      ],
      "source": "IV: F = 1; infusion duration from the dose"
    },
    "iv-bolus": {
      "inputs": [
        {
          "compartment": "central",
          "fraction": "1"
        }
      ],
      "source": "IV bolus: F = 1"
    },
    "im": {
      "inputs": [
        {
          "compartment": "depot.im",
          "fraction": "F_IM",
          "lag": "LAG_IM"
        }
      ],
      "source": "Clements 1982 J Pharm Sci via secondary pages (research notes S18): primary not retrieved"
    },
    "in": {
      "inputs": [
        {
          "compartment": "depot.in",
          "fraction": "F_IN",
          "lag": "LAG_IN"
        }
      ],
      "source": "Yanagihara 2003 Biopharm Drug Dispos 24:37 (S19), n = 3; note adults 10/30/50 mg gave 0.17/0.13/0.11 (Pharmacotherapy 2022, S17)"
    },
    "po": {
      "inputs": [
        {
          "compartment": "depot.po",
          "fraction": "F_PO",
          "lag": "LAG_PO"
        },
        {
          "compartment": "depot.po.firstpass",
          "fraction": "FP_PO",
          "lag": "LAG_PO"
        }
      ],
      "source": "Yanagihara 2003 (S19, n = 3); reviews 0.17-0.20 (S18)"
    },
    "sl": {
      "inputs": [
        {
          "compartment": "depot.sl",
          "fraction": "F_SL",
          "lag": "LAG_SL"
        },
        {
          "compartment": "depot.sl.firstpass",
          "fraction": "FP_SL",
          "lag": "LAG_SL"
        }
      ],
      "source": "Rolan 2014 Br J Clin Pharmacol 77:1011 (S24): 0.29 (90% CI 0.27-0.31), 25 mg wafer"
    },
    "pr": {
      "inputs": [
        {
          "compartment": "depot.pr",
          "fraction": "F_PR",
          "lag": "LAG_PR"
        }
      ],
      "source": "Malinovsky 1996 Br J Anaesth 77:203 (S21), children 9 mg/kg"
    }
  },
  "covariates": [
    {
      "name": "WT",
      "unit": "kg",
      "reference": 70,
      "typical": 70,
      "distribution": {
        "kind": "normal",
        "mean": 75,
        "sd": 15,
        "low": 45,
        "high": 150
      },
      "source": "reference 70 kg; population distribution an assumption for virtual adults"
    }
  ],
  "covariateEffects": [
    {
      "parameter": "CLM",
      "covariate": "WT",
      "kind": "power",
      "exponent": 0.75,
      "source": "allometric scaling of the norketamine set (assumption; Otto 2021 scaled S-ketamine CL by WT^0.75, V by WT)",
      "unconfirmed": true
    },
    {
      "parameter": "QM",
      "covariate": "WT",
      "kind": "power",
      "exponent": 0.75,
      "source": "allometric scaling of the norketamine set (assumption; Otto 2021 scaled S-ketamine CL by WT^0.75, V by WT)",
      "unconfirmed": true
    },
    {
      "parameter": "VM",
      "covariate": "WT",
      "kind": "power",
      "exponent": 1,
      "source": "allometric scaling of the norketamine set (assumption; Otto 2021 scaled S-ketamine CL by WT^0.75, V by WT)",
      "unconfirmed": true
    },
    {
      "parameter": "VMP",
      "covariate": "WT",
      "kind": "power",
      "exponent": 1,
      "source": "allometric scaling of the norketamine set (assumption; Otto 2021 scaled S-ketamine CL by WT^0.75, V by WT)",
      "unconfirmed": true
    }
  ],
  "variability": [],
  "residualError": []
}
"""####,
    ]
}
