// Generated from the JSON files in Profiles/ by Tests/PKProfilesTests/EmbeddedProfilesTests.swift.
// Do not edit: change the JSON files, then run
//   KETASIM_REGENERATE=1 swift test --filter EmbeddedProfilesTests

/// The contents of the built-in profile, band, validation, protocol and reference files, by file name.
enum EmbeddedProfiles {
    static let files: [String: String] = [
        "bands.json": ####"""
[
  {"name": "analgesia", "analyte": "racemic", "lowNgPerML": 70, "highNgPerML": 160,
   "source": "Reviews via Zanos 2018 [zanos-2018 Table 1]; >100 ng/mL used as target (Hornik 2018 [hornik-2018]); 0.1 mg/L 'analgesia in adults' (Herd 2007 [herd-2007])"},
  {"name": "dissociation", "analyte": "racemic", "lowNgPerML": 100, "highNgPerML": 250,
   "source": "Zanos 2018 [zanos-2018 Table 1]: 100-250 ng/mL during 0.5 mg/kg over 40 min (Krystal 1994 design [krystal-1994])"},
  {"name": "awakening", "analyte": "racemic", "lowNgPerML": 640, "highNgPerML": 750,
   "source": "Idvall 1979 [idvall-1979]: recovery at 2.7 umol/L (~640 ng/mL); 750 ng/mL used as awakening target (Hornik 2018 [hornik-2018]); 0.74 (SD 0.24) mg/L (Herd 2008 [herd-2008])"},
  {"name": "anaesthesia", "analyte": "racemic", "lowNgPerML": 1200,
   "source": "IV 1-2 mg/kg gives 1200-2400 ng/mL (Zanos 2018 [zanos-2018 Table 1]); EC50 2 mg/L (Herd 2008 [herd-2008]); maintenance ~2.2 ug/mL (Idvall 1979 [idvall-1979])"},
  {"name": "drug-high", "analyte": "S-ketamine", "lowNgPerML": 71,
   "source": "Simons 2022 Part 2 abstract [simons-2022b]: C50 drug high 0.3 nmol/mL = ~71 ng/mL [calc]", "note": "a C50, used as the lower edge of an open band"},
  {"name": "dissociation", "analyte": "S-ketamine", "lowNgPerML": 50, "highNgPerML": 125, "unconfirmed": true,
   "source": "[calc] racemic 100-250 ng/mL divided by the S/racemate potency ratio ~2 (Schuettler 1987 EEG IC50 [schuettler-1987]; Peltoniemi 2016 [peltoniemi-2016]): rough"},
  {"name": "subanaesthetic-target", "analyte": "S-ketamine", "lowNgPerML": 150, "highNgPerML": 160,
   "source": "Langsjo 2005 [langsjo-2005]: S-ketamine subanaesthetic PET target ~150-160 ng/mL"},
  {"name": "antinociception", "analyte": "S-ketamine", "lowNgPerML": 285, "highNgPerML": 404,
   "source": "Simons 2022 Part 2 abstract [simons-2022b]: antinociception C50 1.2-1.7 nmol/mL = ~285-404 ng/mL [calc]"},
  {"name": "anaesthesia", "analyte": "S-ketamine", "lowNgPerML": 2000,
   "source": "Langsjo 2005 [langsjo-2005]: S-ketamine anaesthesia ~2000 ng/mL (measured 1959 +/- 442 at 1500-2000 targets)"}
]
"""####,
        "clements-1981.profile.json": ####"""
{
  "name": "clements-1981",
  "title": "Racemic ketamine, Clements & Nimmo 1981 (250 ug/kg set) with the racemic route set",
  "analyte": "racemic",
  "drug": "racemic ketamine",
  "population": "adult volunteers, 0.25 mg/kg IV (population details UNCONFIRMED)",
  "citation": "Clements JA, Nimmo WS. Br J Anaesth 1981;53:27 [clements-1981] (parameters via opentiva, UNCONFIRMED against the paper); routes and metabolite as noted per parameter",
  "sampling": "venous (UNCONFIRMED)",
  "notes": [
    "Chosen as the racemic default: CL 80 L/h at 70 kg [calc] matches the Kamp 2020 meta-analysis (79 L/h/70 kg) [kamp-2020] and the 10 mg IV cross-check (~88 L/h [calc] from [pharmacotherapy-2022 Table 6]); predicts ~177 ng/mL [calc] for 0.5 mg/kg over 40 min vs ~185 observed [zarate-2006; zanos-2018 Table 1].",
    "Micro-constants with V1 per kg, as in TCI pumps: all volumes and clearances scale linearly with weight.",
    "Route set: F per route from the sources cited on each F_ parameter; no published racemic model gives KA, so each KA is fitted [calc] to the published mean Tmax on this disposition.",
    "Oral and sublingual first pass: the part of the dose reaching the circulation as norketamine (combined K+NK F minus parent F [chong-2006]) enters the metabolite compartment through a depot with the route's KA.",
    "Norketamine: no racemic norketamine disposition was found; the Otto 2021 S-norketamine set [otto-2021] is used, scaled allometrically (assumption).",
    "Amounts are parent-equivalent mg; norketamine concentration is converted with MW 223.70/237.73.",
    "ke0 from Olofsen 2012 (S-ketamine) [olofsen-2012]: opentiva's Clements ke0 (5.2/min) is back-calculated from an assumed 1-min time to peak effect, not measured, and is not used."
  ],
  "parameters": [
    {
      "name": "V1",
      "value": 1.7522,
      "unit": "L/kg",
      "source": "Clements & Nimmo 1981 ('250 ug/kg' set) as coded in opentiva ketamine.py [clements-1981]",
      "unconfirmed": true,
      "note": "central volume per kg of body weight"
    },
    {
      "name": "K10",
      "value": 0.0109,
      "unit": "1/min",
      "source": "Clements & Nimmo 1981 ('250 ug/kg' set) as coded in opentiva ketamine.py [clements-1981]",
      "unconfirmed": true
    },
    {
      "name": "K12",
      "value": 0.0186,
      "unit": "1/min",
      "source": "Clements & Nimmo 1981 ('250 ug/kg' set) as coded in opentiva ketamine.py [clements-1981]",
      "unconfirmed": true
    },
    {
      "name": "K21",
      "value": 0.0137,
      "unit": "1/min",
      "source": "Clements & Nimmo 1981 ('250 ug/kg' set) as coded in opentiva ketamine.py [clements-1981]",
      "unconfirmed": true
    },
    {
      "name": "FM",
      "value": 0.8,
      "unit": "fraction",
      "source": "Simons 2022 [simons-2022a]: 80% of metabolised S-ketamine fixed to form S-norketamine; assumed for racemic ketamine",
      "unconfirmed": true
    },
    {
      "name": "CLM",
      "value": 57.7,
      "unit": "L/h",
      "source": "Otto 2021 S-norketamine re-estimate [otto-2021 Table 3], 70 kg; assumed for racemic norketamine",
      "unconfirmed": true
    },
    {
      "name": "VM",
      "value": 98.6,
      "unit": "L",
      "source": "Otto 2021 [otto-2021 Table 3], 70 kg; assumed for racemic norketamine",
      "unconfirmed": true
    },
    {
      "name": "QM",
      "value": 42.8,
      "unit": "L/h",
      "source": "Otto 2021 [otto-2021 Table 3], 70 kg; assumed for racemic norketamine",
      "unconfirmed": true
    },
    {
      "name": "VMP",
      "value": 160,
      "unit": "L",
      "source": "Otto 2021 [otto-2021 Table 3], 70 kg; assumed for racemic norketamine",
      "unconfirmed": true
    },
    {
      "name": "T12KE0",
      "value": 6.1,
      "unit": "min",
      "source": "Olofsen 2012 [olofsen-2012]: mean t1/2ke0 across endpoints, S-ketamine; assumed for racemic"
    },
    {
      "name": "F_IM",
      "value": 0.93,
      "unit": "fraction",
      "source": "Clements 1982 J Pharm Sci via secondary pages [clements-1982]: primary not retrieved",
      "unconfirmed": true
    },
    {
      "name": "KA_IM",
      "value": 14.8,
      "unit": "1/h",
      "source": "[calc] fitted to Tmax 10 min (middle of the 5-15 min review figure [clements-1982], UNCONFIRMED) on this disposition",
      "unconfirmed": true,
      "calc": true
    },
    {
      "name": "LAG_IM",
      "value": 0,
      "unit": "h",
      "source": "no published ketamine model uses a true lag (delays are modelled as zero-order input or transit compartments [perez-ruixo-2021; simons-2022a])"
    },
    {
      "name": "F_IN",
      "value": 0.45,
      "unit": "fraction",
      "source": "Yanagihara 2003 [yanagihara-2003], n = 3; note adults 10/30/50 mg gave 0.17/0.13/0.11 [pharmacotherapy-2022 Table 6]"
    },
    {
      "name": "KA_IN",
      "value": 5.2,
      "unit": "1/h",
      "source": "[calc] fitted to Tmax 20 min (adult IN Tmax 14-23 min [pharmacotherapy-2022 Table 6]; ~20 min children, Malinovsky 1996 [malinovsky-1996])",
      "calc": true
    },
    {
      "name": "LAG_IN",
      "value": 0,
      "unit": "h",
      "source": "no published ketamine model uses a true lag (delays are modelled as zero-order input or transit compartments [perez-ruixo-2021; simons-2022a])"
    },
    {
      "name": "F_PO",
      "value": 0.2,
      "unit": "fraction",
      "source": "Yanagihara 2003 [yanagihara-2003] (n = 3); reviews 0.17-0.20 [clements-1982]"
    },
    {
      "name": "KA_PO",
      "value": 0.992,
      "unit": "1/h",
      "source": "[calc] fitted to Tmax 0.96 h (Chong 2006 [chong-2006])",
      "calc": true
    },
    {
      "name": "LAG_PO",
      "value": 0,
      "unit": "h",
      "source": "no published ketamine model uses a true lag (delays are modelled as zero-order input or transit compartments [perez-ruixo-2021; simons-2022a])"
    },
    {
      "name": "FP_PO",
      "value": 0.39,
      "unit": "fraction",
      "source": "[calc] combined K+NK F 59% (Chong 2006 [chong-2006]) minus parent F 0.20",
      "calc": true
    },
    {
      "name": "F_SL",
      "value": 0.29,
      "unit": "fraction",
      "source": "Rolan 2014 [rolan-2014]: 0.29 (90% CI 0.27-0.31), 25 mg wafer"
    },
    {
      "name": "KA_SL",
      "value": 1.44,
      "unit": "1/h",
      "source": "[calc] fitted to Tmax 0.75 h (Rolan 2014 [rolan-2014]; Chong 2006 0.76 h [chong-2006])",
      "calc": true
    },
    {
      "name": "LAG_SL",
      "value": 0,
      "unit": "h",
      "source": "no published ketamine model uses a true lag (delays are modelled as zero-order input or transit compartments [perez-ruixo-2021; simons-2022a])"
    },
    {
      "name": "FP_SL",
      "value": 0.22,
      "unit": "fraction",
      "source": "[calc] combined K+NK F 54% with parent F 0.32 (Chong 2006 [chong-2006])",
      "calc": true
    },
    {
      "name": "F_PR",
      "value": 0.25,
      "unit": "fraction",
      "source": "Malinovsky 1996 [malinovsky-1996], children 9 mg/kg"
    },
    {
      "name": "KA_PR",
      "value": 1.6,
      "unit": "1/h",
      "source": "[calc] fitted to Tmax 42 min (Malinovsky 1996 [malinovsky-1996])",
      "calc": true
    },
    {
      "name": "LAG_PR",
      "value": 0,
      "unit": "h",
      "source": "no published ketamine model uses a true lag (delays are modelled as zero-order input or transit compartments [perez-ruixo-2021; simons-2022a])"
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
      "source": "Clements 1982 J Pharm Sci via secondary pages [clements-1982]: primary not retrieved"
    },
    "in": {
      "inputs": [
        {
          "compartment": "depot.in",
          "fraction": "F_IN",
          "lag": "LAG_IN"
        }
      ],
      "source": "Yanagihara 2003 [yanagihara-2003], n = 3; note adults 10/30/50 mg gave 0.17/0.13/0.11 [pharmacotherapy-2022 Table 6]"
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
      "source": "Yanagihara 2003 [yanagihara-2003] (n = 3); reviews 0.17-0.20 [clements-1982]"
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
      "source": "Rolan 2014 [rolan-2014]: 0.29 (90% CI 0.27-0.31), 25 mg wafer"
    },
    "pr": {
      "inputs": [
        {
          "compartment": "depot.pr",
          "fraction": "F_PR",
          "lag": "LAG_PR"
        }
      ],
      "source": "Malinovsky 1996 [malinovsky-1996], children 9 mg/kg"
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
      "source": "allometric scaling of the norketamine set (assumption; Otto 2021 [otto-2021] scaled S-ketamine CL by WT^0.75, V by WT)",
      "unconfirmed": true
    },
    {
      "parameter": "QM",
      "covariate": "WT",
      "kind": "power",
      "exponent": 0.75,
      "source": "allometric scaling of the norketamine set (assumption; Otto 2021 [otto-2021] scaled S-ketamine CL by WT^0.75, V by WT)",
      "unconfirmed": true
    },
    {
      "parameter": "VM",
      "covariate": "WT",
      "kind": "power",
      "exponent": 1,
      "source": "allometric scaling of the norketamine set (assumption; Otto 2021 [otto-2021] scaled S-ketamine CL by WT^0.75, V by WT)",
      "unconfirmed": true
    },
    {
      "parameter": "VMP",
      "covariate": "WT",
      "kind": "power",
      "exponent": 1,
      "source": "allometric scaling of the norketamine set (assumption; Otto 2021 [otto-2021] scaled S-ketamine CL by WT^0.75, V by WT)",
      "unconfirmed": true
    }
  ],
  "variability": [],
  "residualError": []
}
"""####,
        "domino-1982.profile.json": ####"""
{
  "name": "domino-1982",
  "title": "Racemic ketamine, Domino et al. 1982 three-compartment TCI set (IV only)",
  "analyte": "racemic",
  "drug": "racemic ketamine",
  "population": "surgical patients (details UNCONFIRMED)",
  "citation": "Domino EF, et al. Anesth Analg 1982 (PMID 7198883) [domino-1982]; parameters via opentiva and fus_anes code, UNCONFIRMED against the paper",
  "sampling": "unknown (UNCONFIRMED)",
  "notes": [
    "Common TCI set: three-compartment micro-constants with V1 per kg (0.063 L/kg), so every volume and clearance scales linearly with weight (no allometry), as in TCI pumps.",
    "All five numbers were seen only in opentiva and fus_anes code [domino-1982], never in the paper: every parameter is marked UNCONFIRMED.",
    "Routes: iv (infusion) and iv-bolus only. The set is an IV disposition model and no absorption data were found for it; use clements-1981 for the racemic IM/IN/PO/SL/PR route set.",
    "[calc] at 70 kg: CL 116 L/h, Vss 193 L, half-lives 0.4 / 4.6 / 115 min; checked by ProfileValidationTests.",
    "The tiny V1 (4.4 L at 70 kg) gives high early concentrations: ~240 ng/mL predicted [calc] for 0.5 mg/kg over 40 min vs ~185 observed [zanos-2018 Table 1], and CL 116 L/h is above the Kamp 2020 literature range (69-90 L/h/70 kg) [kamp-2020]: see validation V1, V3 and V18.",
    "No norketamine: no metabolite data accompany this set.",
    "Effect site: opentiva's Domino ke0 (0.652/min) is back-calculated from an assumed 1-min time to peak effect, not measured, and is not used; t1/2ke0 6.1 min from Olofsen 2012 (S-ketamine) [olofsen-2012] is assumed, as in clements-1981.",
    "No variability or residual error was published with the set [domino-1982]: variability and residualError are empty, so Monte Carlo bands are not available for this profile."
  ],
  "parameters": [
    {
      "name": "V1",
      "value": 0.063,
      "unit": "L/kg",
      "source": "Domino et al. 1982 as coded in opentiva ketamine.py and fus_anes [domino-1982]",
      "unconfirmed": true,
      "note": "central volume per kg of body weight"
    },
    {
      "name": "K10",
      "value": 0.4381,
      "unit": "1/min",
      "source": "Domino et al. 1982 as coded in opentiva ketamine.py and fus_anes [domino-1982]",
      "unconfirmed": true
    },
    {
      "name": "K12",
      "value": 0.5921,
      "unit": "1/min",
      "source": "Domino et al. 1982 as coded in opentiva ketamine.py and fus_anes [domino-1982]",
      "unconfirmed": true
    },
    {
      "name": "K13",
      "value": 0.59,
      "unit": "1/min",
      "source": "Domino et al. 1982 as coded in opentiva ketamine.py and fus_anes [domino-1982]",
      "unconfirmed": true
    },
    {
      "name": "K21",
      "value": 0.247,
      "unit": "1/min",
      "source": "Domino et al. 1982 as coded in opentiva ketamine.py and fus_anes [domino-1982]",
      "unconfirmed": true
    },
    {
      "name": "K31",
      "value": 0.0146,
      "unit": "1/min",
      "source": "Domino et al. 1982 as coded in opentiva ketamine.py and fus_anes [domino-1982]",
      "unconfirmed": true
    },
    {
      "name": "T12KE0",
      "value": 6.1,
      "unit": "min",
      "source": "Olofsen 2012 [olofsen-2012]: mean t1/2ke0 across endpoints, S-ketamine, 12 healthy men; assumed for racemic ketamine on this disposition",
      "unconfirmed": true
    },
    {
      "name": "KE0",
      "value": 6.8178411202617575,
      "unit": "1/h",
      "source": "[calc] ln 2 / T12KE0 (6.1 min)",
      "calc": true
    }
  ],
  "compartments": [
    {
      "name": "central",
      "volume": "V1"
    },
    {
      "name": "peripheral1"
    },
    {
      "name": "peripheral2"
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
      "from": "central",
      "to": null,
      "rate": "K10"
    },
    {
      "from": "central",
      "to": "peripheral1",
      "rate": "K12"
    },
    {
      "from": "peripheral1",
      "to": "central",
      "rate": "K21"
    },
    {
      "from": "central",
      "to": "peripheral2",
      "rate": "K13"
    },
    {
      "from": "peripheral2",
      "to": "central",
      "rate": "K31"
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
      "source": "reference 70 kg; source population weights UNCONFIRMED, distribution an assumption for virtual adults (as clements-1981)"
    }
  ],
  "covariateEffects": [],
  "variability": [],
  "residualError": []
}
"""####,
        "fanta-otto-2021.profile.json": ####"""
{
  "name": "fanta-otto-2021",
  "title": "S-ketamine IV + oral with S-norketamine: Fanta 2015 three-compartment set as fixed in Otto 2021",
  "analyte": "S-ketamine",
  "drug": "S-ketamine (esketamine)",
  "population": "Fanta: 11 healthy men, 22.3 +/- 2.4 y, 77 +/- 7.5 kg (0.125 mg/kg IV bolus, 0.25 mg/kg oral); Otto: 48 healthy adults (CHDR), 68-71 kg mean, IV 10 mg/30 min and stepped 2-h infusions",
  "citation": "Fanta S, Kinnunen M, Backman JT, Kalso E. Eur J Clin Pharmacol 2015;71(4):441-447 [fanta-2015]; Otto ME, Bergmann KR, Jacobs G, van Esdonk MJ. Eur J Clin Pharmacol 2021;77(8):1181-1192 [otto-2021]",
  "sampling": "venous",
  "notes": [
    "S-ketamine 3-compartment (Fanta 2015 values fixed in Otto 2021) and S-norketamine 2-compartment (Otto 2021 re-estimate). Best external predictive performance of five S-ketamine models [otto-2021].",
    "Scaling as in Otto's code [otto-2021]: V1 and the S-norketamine V x (WT/70), CL and CLM x (WT/70)^0.75; peripheral volumes and Q not scaled.",
    "All S-ketamine clearance forms S-norketamine (Otto's assumption) [otto-2021]: the CL flow has yield 1. Amounts stay in S-ketamine mass without a molecular-weight factor, as in Otto's $DES, so the S-norketamine volume and clearance absorb the MW ratio and CM uses scale 1000.",
    "IIV: Otto's omega^2 blocks (V1, CL with covariance 0.023; S-NK V, CL with covariance 0.044) [otto-2021 Table 3] on exponential etas; oral F IIV 11% from the Fanta abstract [fanta-2015]. Fanta's CL IIV (13%) is superseded by Otto's re-estimate and not used.",
    "Oral route: F = 8% (Fanta abstract) [fanta-2015]. ka is not in the abstract (UNCONFIRMED): KA_PO 1.07 /h [calc] is the value that puts Tmax at 0.96 h on this disposition, the only oral ketamine Tmax found (Chong 2006, racemic) [chong-2006]; no lag (no published ketamine model uses one).",
    "Presystemic S-norketamine [calc]: Fanta reports oral S-norketamine AUC 16.5x S-ketamine AUC [fanta-2015]. With linear kinetics, AUC_NK/AUC_K = (F + FP)/F x CL/CLM, so F + FP = 16.5 x 0.08 x 57.7/95.2 = 0.80 and FP = 0.72 of the dose reaches S-norketamine presystemically (through a depot with the same ka). It uses Otto's S-norketamine disposition [otto-2021], not Fanta's own 3-compartment metabolite model, so it is marked UNCONFIRMED; 0.08 + 0.72 <= 1 is plausible (the rest is lost to other metabolites or not absorbed).",
    "Residual error: proportional, SD 23.6% (S-ketamine) and 14.3% (S-norketamine) from Otto's sigma^2 [otto-2021 Table 3].",
    "Effect site: t1/2ke0 6.1 min (Olofsen 2012, S-ketamine, mean over endpoints) [olofsen-2012] as an assumption for overlays; Fanta and Otto have no PD.",
    "Routes: iv, iv-bolus and po. The model has no sublingual or nasal data."
  ],
  "parameters": [
    {
      "name": "V1",
      "value": 133,
      "unit": "L",
      "source": "[fanta-2015] as fixed in [otto-2021 Table 3]: V1 at 70 kg"
    },
    {
      "name": "CL",
      "value": 95.2,
      "unit": "L/h",
      "source": "[fanta-2015] as fixed in [otto-2021 Table 3]: CL at 70 kg"
    },
    {
      "name": "VP1",
      "value": 187,
      "unit": "L",
      "source": "[fanta-2015] as fixed in [otto-2021 Table 3]: Vp1"
    },
    {
      "name": "Q1",
      "value": 23.2,
      "unit": "L/h",
      "source": "[fanta-2015] as fixed in [otto-2021 Table 3]: Q1"
    },
    {
      "name": "VP2",
      "value": 98.8,
      "unit": "L",
      "source": "[fanta-2015] as fixed in [otto-2021 Table 3]: Vp2"
    },
    {
      "name": "Q2",
      "value": 157,
      "unit": "L/h",
      "source": "[fanta-2015] as fixed in [otto-2021 Table 3]: Q2"
    },
    {
      "name": "VM",
      "value": 98.6,
      "unit": "L",
      "source": "[otto-2021 Table 3] re-estimate: S-norketamine V at 70 kg"
    },
    {
      "name": "CLM",
      "value": 57.7,
      "unit": "L/h",
      "source": "[otto-2021 Table 3] re-estimate: S-norketamine CL at 70 kg"
    },
    {
      "name": "VMP",
      "value": 160,
      "unit": "L",
      "source": "[otto-2021 Table 3] re-estimate: S-norketamine Vp"
    },
    {
      "name": "QM",
      "value": 42.8,
      "unit": "L/h",
      "source": "[otto-2021 Table 3] re-estimate: S-norketamine Q"
    },
    {
      "name": "F_PO",
      "value": 8,
      "unit": "%",
      "source": "Fanta 2015 abstract [fanta-2015]: oral F 8%"
    },
    {
      "name": "KA_PO",
      "value": 1.07,
      "unit": "1/h",
      "source": "[calc] fitted to Tmax 0.96 h (Chong 2006 racemic oral [chong-2006]) on this disposition at 70 kg; Fanta's ka is not in the abstract (UNCONFIRMED)",
      "unconfirmed": true,
      "calc": true
    },
    {
      "name": "FP_PO",
      "value": 0.72,
      "unit": "fraction",
      "source": "[calc] presystemic S-norketamine fraction from the oral NK/K AUC ratio 16.5 (Fanta 2015 [fanta-2015]): 16.5 x 0.08 x CLM/CL - 0.08 with Otto's CLM [otto-2021]; Fanta's own NK model not used: UNCONFIRMED",
      "unconfirmed": true,
      "calc": true
    },
    {
      "name": "T12KE0",
      "value": 6.1,
      "unit": "min",
      "source": "Olofsen 2012 [olofsen-2012]: mean t1/2ke0 across endpoints, S-ketamine, 12 healthy men; assumed on this disposition",
      "unconfirmed": true
    },
    {
      "name": "KE0",
      "value": 6.8178411202617575,
      "unit": "1/h",
      "source": "[calc] ln 2 / T12KE0 (6.1 min)",
      "calc": true
    }
  ],
  "compartments": [
    {
      "name": "depot.po"
    },
    {
      "name": "depot.po.firstpass"
    },
    {
      "name": "central",
      "volume": "V1"
    },
    {
      "name": "peripheral1",
      "volume": "VP1"
    },
    {
      "name": "peripheral2",
      "volume": "VP2"
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
      "from": "central",
      "to": "peripheral1",
      "rate": "Q1/V1"
    },
    {
      "from": "peripheral1",
      "to": "central",
      "rate": "Q1/VP1"
    },
    {
      "from": "central",
      "to": "peripheral2",
      "rate": "Q2/V1"
    },
    {
      "from": "peripheral2",
      "to": "central",
      "rate": "Q2/VP2"
    },
    {
      "from": "central",
      "to": "metabolite",
      "rate": "CL/V1"
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
      "scale": 1000,
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
      "source": "IV bolus: F = 1 (Fanta 0.125 mg/kg bolus [fanta-2015])"
    },
    "po": {
      "inputs": [
        {
          "compartment": "depot.po",
          "fraction": "F_PO"
        },
        {
          "compartment": "depot.po.firstpass",
          "fraction": "FP_PO"
        }
      ],
      "source": "Fanta 2015 [fanta-2015]: F 8%; ka and presystemic S-norketamine fraction [calc], UNCONFIRMED"
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
        "mean": 70,
        "sd": 8,
        "low": 50,
        "high": 100
      },
      "source": "reference 70 kg (Otto 2021); distribution after Otto's healthy adults (68.0 +/- 7.2 and 71.3 +/- 8.5 kg) [otto-2021], limits an assumption"
    }
  ],
  "covariateEffects": [
    {
      "parameter": "V1",
      "covariate": "WT",
      "kind": "power",
      "exponent": 1,
      "source": "Otto 2021 [otto-2021]: V1 x (WT/70)^1, CL x (WT/70)^0.75; peripheral terms not scaled"
    },
    {
      "parameter": "CL",
      "covariate": "WT",
      "kind": "power",
      "exponent": 0.75,
      "source": "Otto 2021 [otto-2021]: V1 x (WT/70)^1, CL x (WT/70)^0.75; peripheral terms not scaled"
    },
    {
      "parameter": "VM",
      "covariate": "WT",
      "kind": "power",
      "exponent": 1,
      "source": "Otto 2021 [otto-2021]: V1 x (WT/70)^1, CL x (WT/70)^0.75; peripheral terms not scaled"
    },
    {
      "parameter": "CLM",
      "covariate": "WT",
      "kind": "power",
      "exponent": 0.75,
      "source": "Otto 2021 [otto-2021]: V1 x (WT/70)^1, CL x (WT/70)^0.75; peripheral terms not scaled"
    }
  ],
  "variability": [
    {
      "name": "ETA_V1",
      "parameter": "V1",
      "variance": 0.084,
      "source": "[otto-2021 Table 3] re-estimate: omega^2 0.084"
    },
    {
      "name": "ETA_CL",
      "parameter": "CL",
      "variance": 0.026,
      "source": "[otto-2021 Table 3] re-estimate: omega^2 0.026"
    },
    {
      "name": "ETA_VM",
      "parameter": "VM",
      "variance": 0.04,
      "source": "[otto-2021 Table 3] re-estimate: omega^2 0.040"
    },
    {
      "name": "ETA_CLM",
      "parameter": "CLM",
      "variance": 0.103,
      "source": "[otto-2021 Table 3] re-estimate: omega^2 0.103"
    },
    {
      "name": "ETA_F_PO",
      "parameter": "F_PO",
      "cv": 11,
      "source": "Fanta 2015 abstract [fanta-2015]: F IIV 11%"
    }
  ],
  "correlations": [
    {
      "first": "ETA_V1",
      "second": "ETA_CL",
      "covariance": 0.023,
      "source": "[otto-2021 Table 3] re-estimate: cov(V1, CL) 0.023"
    },
    {
      "first": "ETA_VM",
      "second": "ETA_CLM",
      "covariance": 0.044,
      "source": "[otto-2021 Table 3] re-estimate: cov(V, CL) S-norketamine 0.044"
    }
  ],
  "residualError": [
    {
      "output": "CP",
      "proportional": 0.236,
      "source": "[otto-2021 Table 3] re-estimate: proportional sigma^2 0.056 (SD 23.6%)"
    },
    {
      "output": "CM",
      "proportional": 0.143,
      "source": "[otto-2021 Table 3] re-estimate: proportional sigma^2 0.020 (SD 14.3%)"
    }
  ]
}
"""####,
        "herd-2007.profile.json": ####"""
{
  "name": "herd-2007",
  "title": "Racemic ketamine, Herd & Anderson 2007 allometric two-compartment model with BSV",
  "analyte": "racemic",
  "drug": "racemic ketamine",
  "population": "54 children in the emergency department, 8.3 +/- 3.5 y, 32.5 +/- 15.6 kg, 1-1.5 mg/kg IV; scaled allometrically to 70 kg",
  "citation": "Herd DW, Anderson BJ. Paediatr Anaesth 2007;17:622-629 [herd-2007] (confirmed from the abstract); effect site Herd 2008 Paediatr Anaesth 18:36-42 [herd-2008]",
  "sampling": "venous (UNCONFIRMED)",
  "notes": [
    "Two-compartment model standardised to 70 kg: V1, V2 x (WT/70), CL, Q x (WT/70)^0.75, all four numbers and their BSV confirmed from the abstract [herd-2007].",
    "Pediatric source population (32.5 kg mean) [herd-2007]: adult use relies on the allometric extrapolation; it is included as the weight-scaled racemic alternative with variability for Monte Carlo bands. The WT distribution is the adult virtual population used by clements-1981, not the source children.",
    "BSV entered as CV% on exponential etas (omega^2 = ln(1 + CV^2)); no covariances were published, so the etas are independent.",
    "Residual error: not found in the abstract (UNCONFIRMED/absent) [herd-2007], so residualError is empty; simulated observations carry BSV only.",
    "Routes: iv and iv-bolus only. IM is left out: no ka was found for any racemic IM model (Hornik 2018 children F 0.41 with ka UNCONFIRMED [hornik-2018]; adult F 0.93 only via secondary pages, UNCONFIRMED [clements-1982]), and mixing an adult Tmax with a pediatric F on this pediatric disposition would be a guess, not a published value.",
    "Effect site from the same group and population: Herd 2008 sedation t1/2ke0 11 s (95% CI 0.07-20 s) [herd-2008]; opentiva's Herd ke0 (2.995/min) is back-calculated from an assumed 1-min time to peak and is not used.",
    "[calc] at 70 kg: CL 90 L/h (upper end of the Kamp 2020 95% CI 69-90 L/h/70 kg [kamp-2020]), Vss 140.7 L; 0.5 mg/kg over 40 min gives ~253 ng/mL vs ~185 observed [zanos-2018 Table 1] (validation V1 is an expected miss).",
    "No norketamine: none was modelled in the source."
  ],
  "parameters": [
    {
      "name": "V1",
      "value": 38.7,
      "unit": "L/70kg",
      "source": "[herd-2007] abstract"
    },
    {
      "name": "V2",
      "value": 102,
      "unit": "L/70kg",
      "source": "[herd-2007] abstract"
    },
    {
      "name": "CL",
      "value": 90,
      "unit": "L/h/70kg",
      "source": "[herd-2007] abstract"
    },
    {
      "name": "Q",
      "value": 215,
      "unit": "L/h/70kg",
      "source": "[herd-2007] abstract"
    },
    {
      "name": "T12KE0",
      "value": 11,
      "unit": "s",
      "source": "Herd 2008 [herd-2008]: sedation t1/2ke0 11 s (95% CI 0.07-20 s), children, racemic"
    },
    {
      "name": "KE0",
      "value": 226.8481681832548,
      "unit": "1/h",
      "source": "[calc] ln 2 / T12KE0 (11 s); ~3.8 /min",
      "calc": true
    }
  ],
  "compartments": [
    {
      "name": "central",
      "volume": "V1"
    },
    {
      "name": "peripheral",
      "volume": "V2"
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
      "from": "central",
      "to": null,
      "rate": "CL/V1"
    },
    {
      "from": "central",
      "to": "peripheral",
      "rate": "Q/V1"
    },
    {
      "from": "peripheral",
      "to": "central",
      "rate": "Q/V2"
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
      "source": "reference 70 kg (Herd 2007); distribution an assumption for virtual adults (source children 32.5 +/- 15.6 kg [herd-2007])"
    }
  ],
  "covariateEffects": [
    {
      "parameter": "V1",
      "covariate": "WT",
      "kind": "power",
      "exponent": 1,
      "source": "Herd & Anderson 2007 [herd-2007]: allometric V x (W/70), CL and Q x (W/70)^0.75"
    },
    {
      "parameter": "V2",
      "covariate": "WT",
      "kind": "power",
      "exponent": 1,
      "source": "Herd & Anderson 2007 [herd-2007]: allometric V x (W/70), CL and Q x (W/70)^0.75"
    },
    {
      "parameter": "CL",
      "covariate": "WT",
      "kind": "power",
      "exponent": 0.75,
      "source": "Herd & Anderson 2007 [herd-2007]: allometric V x (W/70), CL and Q x (W/70)^0.75"
    },
    {
      "parameter": "Q",
      "covariate": "WT",
      "kind": "power",
      "exponent": 0.75,
      "source": "Herd & Anderson 2007 [herd-2007]: allometric V x (W/70), CL and Q x (W/70)^0.75"
    }
  ],
  "variability": [
    {
      "name": "ETA_V1",
      "parameter": "V1",
      "cv": 64,
      "transform": "exponential",
      "source": "[herd-2007] abstract: BSV 64%"
    },
    {
      "name": "ETA_V2",
      "parameter": "V2",
      "cv": 51.7,
      "transform": "exponential",
      "source": "[herd-2007] abstract: BSV 51.7%"
    },
    {
      "name": "ETA_CL",
      "parameter": "CL",
      "cv": 38.1,
      "transform": "exponential",
      "source": "[herd-2007] abstract: BSV 38.1%"
    },
    {
      "name": "ETA_Q",
      "parameter": "Q",
      "cv": 19,
      "transform": "exponential",
      "source": "[herd-2007] abstract: BSV 19%"
    }
  ],
  "correlations": [],
  "residualError": []
}
"""####,
        "pd-validation.json": ####"""
[
  {
    "id": "PD1",
    "profile": "perez-ruixo-2021",
    "pdModel": "olofsen-2022-perception",
    "description": "Esketamine 56 mg nasal spray: time of peak dissociation (CADSS) vs predicted time of peak effect (external perception)",
    "route": "in",
    "doseMg": 56,
    "metric": "tmax",
    "published": 0.6667,
    "unit": "h",
    "tolerance": 0.5,
    "toleranceReason": "the source gives one rounded time (40 min) for a CADSS peak rated at discrete times, and CADSS is a different instrument from the external-perception VAS of the PD model: +/-50% (20-60 min) [judgement]",
    "source": "J&J Medical Connect [jnj-spravato-dissociation-2024]: dissociation starts shortly after dosing and peaks at 40 min",
    "expect": "pass",
    "basis": "independent"
  },
  {
    "id": "PD2",
    "profile": "perez-ruixo-2021",
    "pdModel": "olofsen-2022-perception",
    "description": "Esketamine 84 mg nasal spray: time of peak dissociation (CADSS) vs predicted time of peak effect (external perception)",
    "route": "in",
    "doseMg": 84,
    "metric": "tmax",
    "published": 0.6667,
    "unit": "h",
    "tolerance": 0.5,
    "toleranceReason": "as PD1: one rounded time for a CADSS peak rated at discrete times; a different instrument: +/-50% [judgement]",
    "source": "J&J Medical Connect [jnj-spravato-dissociation-2024]: peak at 40 min (56 and 84 mg not separated); BP also peaks at ~40 min [esketamine-us-label-2019 section 5.6]",
    "expect": "pass",
    "basis": "independent"
  },
  {
    "id": "PD3",
    "profile": "clements-1981",
    "pdModel": "olofsen-2022-perception",
    "description": "Racemic IV 0.5 mg/kg over 40 min: dissociation (CADSS) rated at its peak at the end of the infusion vs predicted time of peak effect",
    "route": "iv",
    "doseMgPerKg": 0.5,
    "infusionMin": 40,
    "metric": "tmax",
    "published": 0.6667,
    "unit": "h",
    "tolerance": 0.5,
    "toleranceReason": "CADSS was rated at 40 and 230 min only, so the peak is located to the 40-min rating, not measured between ratings: +/-50% [judgement]",
    "source": "Luckenbaugh 2014 [luckenbaugh-2014 abstract]: CADSS at 40 min (end of infusion, the peak) and 230 min",
    "expect": "pass",
    "basis": "independent"
  }
]
"""####,
        "pd.json": ####"""
{
  "units": "Concentrations are ng/mL of S-ketamine. 1 nmol/mL = 237.73 ng/mL: ketamine free base C13H16ClNO, molar mass 237.73 g/mol [calc] from the IUPAC standard atomic weights (13 x 12.011 + 16 x 1.008 + 35.45 + 14.007 + 15.999 = 237.727). ke0 in 1/h = 60 ln 2 / t1/2ke0 (min) [calc].",
  "models": [
    {
      "name": "olofsen-2022-perception",
      "endpoint": "external perception",
      "scale": "Bowdle psychedelic VAS item 'external perception' (0-10 cm); the same PD described pressure pain threshold",
      "analyte": "S-ketamine",
      "racemicSFraction": {"value": 0.5, "source": "racemic ketamine is 1:1 S:R; Olofsen 2022 [olofsen-2022 abstract]: R-ketamine did not contribute to the effect, so a racemic dose acts through its S half (S and R clearances differ, so S is not exactly half of total late after a dose: assumption)"},
      "model": "sigmoidEmax",
      "ke0": {"value": 5.010703, "unit": "1/h", "published": "t1/2ke0 8.3 (95% CI 5.1-13.0) min", "source": "Olofsen 2022 [olofsen-2022 abstract]: blood-effect-site equilibration half-life 8.3 (5.1-13.0) min; ke0 = 60 ln 2 / 8.3 [calc]", "calc": true},
      "c50": {"value": 121.2423, "unit": "ng/mL", "published": "0.51 (95% CI 0.38-0.66) nmol/mL", "source": "Olofsen 2022 [olofsen-2022 abstract]: C50 0.51 (0.38-0.66) nmol/mL, S-ketamine, irrespective of racemic or S-ketamine administration; x 237.73 = 121 (90-157) ng/mL [calc]", "calc": true},
      "gamma": {"value": null, "source": "not in the abstract [olofsen-2022]; the full text was not reached, so the shape parameter is not known and not assumed"},
      "emax": {"value": null, "source": "not in the abstract [olofsen-2022]; the full text was not reached"},
      "variability": [],
      "variabilityNote": "Between-subject variability (omega) of C50 and ke0 is in the full text [olofsen-2022], which was not reached: none is applied.",
      "metaboliteTerm": "S-norketamine had a small antagonistic effect [olofsen-2022 abstract]; its parameters are not in the abstract, so the term is not modelled (the parent-only prediction may over-state the effect late after a dose, when S-norketamine is high).",
      "population": "17 healthy male volunteers, escalating IV S-ketamine and racemic ketamine on separate occasions [olofsen-2022 abstract]",
      "sampling": "arterial",
      "samplingSource": "UNCONFIRMED: the abstract does not name the site; the Leiden group's ketamine studies sample arterial blood (Sigtermans 2009 [sigtermans-2009 abstract]; Simons 2022 [simons-2024 p. 16])",
      "routesStudied": "IV",
      "unconfirmed": false
    },
    {
      "name": "simons-2022-drug-high",
      "endpoint": "drug high",
      "scale": "Bowdle questionnaire 'drug high' VAS (0-10 cm)",
      "analyte": "S-ketamine",
      "racemicSFraction": {"value": 0.5, "source": "racemic ketamine is 1:1 S:R (assumption that R adds nothing, as found for external perception by Olofsen 2022 [olofsen-2022 abstract])"},
      "model": "sigmoidEmax",
      "ke0": {"value": null, "unit": "1/h", "source": "the abstract is cut off at the blood-effect-site equilibration half-life [simons-2022b]; the thesis table page was not reached [simons-2024]: not known, so no effect-site prediction is made with this model"},
      "c50": {"value": 71.319, "unit": "ng/mL", "published": "0.3 nmol/mL", "source": "Simons 2022 Part 2 [simons-2022b abstract]: drug high C50 0.3 nmol/mL; x 237.73 = 71 ng/mL [calc]", "calc": true},
      "gamma": {"value": null, "source": "sigmoid Emax model [simons-2024 p. 45]; the estimate is in the full text, not reached"},
      "emax": {"value": null, "source": "not reached [simons-2022b; simons-2024]"},
      "variability": [],
      "variabilityNote": "Not reached [simons-2022b]: none is applied.",
      "metaboliteTerm": "Agonist and antagonist S-norketamine and S-hydroxynorketamine terms were tested; the effects came from the parent only [simons-2022b abstract; simons-2024 p. 45], so no metabolite term.",
      "population": "20 healthy volunteers (10 men, 10 women), 19-32 y, 53-93 kg; S-ketamine oral thin film 50 and 100 mg [simons-2022b abstract; simons-2024 p. 48]",
      "sampling": "arterial",
      "samplingSource": "radial artery line [simons-2024 p. 16]",
      "routesStudied": "sublingual / buccal thin film",
      "unconfirmed": false
    },
    {
      "name": "sigtermans-2009-drug-high",
      "endpoint": "drug high",
      "scale": "drug high VAS",
      "analyte": "S-ketamine",
      "racemicSFraction": {"value": 0.5, "source": "racemic ketamine is 1:1 S:R (assumption)"},
      "model": "sigmoidEmax",
      "ke0": {"value": null, "unit": "1/h", "source": "not in the abstract [sigtermans-2009]; full text not reached"},
      "c50": {"value": null, "unit": "ng/mL", "source": "not in the abstract [sigtermans-2009]; full text not reached"},
      "gamma": {"value": null, "source": "not in the abstract [sigtermans-2009]"},
      "emax": {"value": null, "source": "not in the abstract [sigtermans-2009]"},
      "variability": [],
      "variabilityNote": "Not reached [sigtermans-2009].",
      "metaboliteTerm": "S-norketamine made no consistent contribution to any endpoint [sigtermans-2009 abstract].",
      "population": "10 men and 10 women, healthy; 2-h S-ketamine infusion stepped by 40 ng/mL every 15 min to 320 ng/mL [sigtermans-2009 abstract]",
      "sampling": "arterial",
      "samplingSource": "arterial plasma [sigtermans-2009 abstract]",
      "routesStudied": "IV",
      "unconfirmed": false
    },
    {
      "name": "olofsen-2012-drug-high",
      "endpoint": "drug high",
      "scale": "drug high VAS",
      "analyte": "S-ketamine",
      "racemicSFraction": {"value": 0.5, "source": "racemic ketamine is 1:1 S:R (assumption)"},
      "model": "linear",
      "ke0": {"value": null, "unit": "1/h", "source": "per-endpoint t1/2ke0 not in the abstract (range 0-11.8 min, mean 6.1 min over endpoints) [olofsen-2012 abstract]"},
      "slope": {"value": null, "unit": "cm per ng/mL", "source": "linear additive ketamine + norketamine model [olofsen-2012 abstract]; the drug-high slopes are not in the abstract"},
      "gamma": {"value": null, "source": "linear model: no shape parameter [olofsen-2012 abstract]"},
      "emax": {"value": null, "source": "linear model: no maximum [olofsen-2012 abstract]"},
      "variability": [],
      "variabilityNote": "Not reached [olofsen-2012].",
      "metaboliteTerm": "Norketamine opposed ketamine analgesia (at Ce 100 ng/mL ketamine and 50 ng/mL norketamine: -3.8 cm and +1.5 cm VAS pain) and did not contribute to cognitive impairment [olofsen-2012 abstract]; the drug-high term is not in the abstract.",
      "population": "12 healthy men, S-ketamine 20 mg/h for 2 h after rifampicin or placebo [olofsen-2012 abstract]",
      "sampling": "unknown",
      "samplingSource": "not in the abstract [olofsen-2012]",
      "routesStudied": "IV",
      "unconfirmed": false
    },
    {
      "name": "kamp-2021-cardiac-output",
      "endpoint": "cardiac output",
      "scale": "cardiac output (not blood pressure)",
      "analyte": "S-ketamine",
      "racemicSFraction": {"value": 0.5, "source": "racemic ketamine is 1:1 S:R; R-ketamine had no detectable effect on cardiac output [kamp-2021 abstract]"},
      "model": "sigmoidEmax",
      "ke0": {"value": null, "unit": "1/h", "source": "parameter values not in the abstract [kamp-2021]"},
      "c50": {"value": null, "unit": "ng/mL", "source": "parameter values not in the abstract [kamp-2021]"},
      "gamma": {"value": null, "source": "not in the abstract [kamp-2021]"},
      "emax": {"value": null, "source": "not in the abstract [kamp-2021]"},
      "variability": [],
      "variabilityNote": "Not reached [kamp-2021].",
      "metaboliteTerm": "S-norketamine lowers cardiac output dose-dependently [kamp-2021 abstract]; parameters not reached.",
      "population": "20 healthy men, escalating esketamine and racemic ketamine IV with placebo or sodium nitroprusside [kamp-2021 abstract]",
      "sampling": "arterial",
      "samplingSource": "arterial samples [kamp-2021 abstract] (UNCONFIRMED: abstract copy only)",
      "routesStudied": "IV",
      "unconfirmed": true
    }
  ],
  "labelFigures": [
    {"drug": "esketamine", "route": "in", "measure": "dissociative or perceptual changes", "population": "adults with treatment-resistant depression, esketamine vs placebo", "percent": "61-75", "placeboPercent": null, "source": "US label section 5.2 [esketamine-us-label-2019 section 5.2]"},
    {"drug": "esketamine", "route": "in", "measure": "SBP rise >= 40 mmHg", "population": "adults < 65 y, short-term TRD trials (N 346 vs 222)", "percent": "8", "placeboPercent": "0.5", "source": "label Table 6 [esketamine-us-label-2019 Table 6] (age bands inferred from the N values)"},
    {"drug": "esketamine", "route": "in", "measure": "DBP rise >= 25 mmHg", "population": "adults < 65 y (N 346 vs 222)", "percent": "13", "placeboPercent": "3", "source": "label Table 6 [esketamine-us-label-2019 Table 6]"},
    {"drug": "esketamine", "route": "in", "measure": "SBP rise >= 40 mmHg", "population": "adults >= 65 y (N 72 vs 65)", "percent": "17", "placeboPercent": "2", "source": "label Table 6 [esketamine-us-label-2019 Table 6] (age bands inferred from the N values)"},
    {"drug": "esketamine", "route": "in", "measure": "DBP rise >= 25 mmHg", "population": "adults >= 65 y (N 72 vs 65)", "percent": "14", "placeboPercent": "3", "source": "label Table 6 [esketamine-us-label-2019 Table 6]"},
    {"drug": "esketamine", "route": "in", "measure": "BP rise: peak ~40 min after dosing, lasting ~4 h", "population": "all recommended doses", "percent": null, "placeboPercent": null, "source": "label section 5.6 [esketamine-us-label-2019 section 5.6]"}
  ]
}
"""####,
        "perez-ruixo-2021.profile.json": ####"""
{
  "name": "perez-ruixo-2021",
  "title": "Esketamine nasal spray / IV / oral solution, Perez-Ruixo et al. 2021: 3-cmt + hepato-portal first pass, noresketamine 2-cmt",
  "analyte": "S-ketamine",
  "drug": "esketamine (Spravato nasal spray; IV; oral solution)",
  "population": "820 subjects, 13 studies (256 healthy phase-I, 564 TRD patients); age median 45 (18-86) y, weight median 74 (39-170) kg, 58.4% female, 13.7% Asian",
  "citation": "Perez-Ruixo C, Rossenu S, Zannikos P, Nandy P, Singh J, Drevets WC, Perez-Ruixo JJ. Clin Pharmacokinet 2021;60(4):501-516 [perez-ruixo-2021] (Table 3 via nlmixr2lib; abstract read)",
  "sampling": "venous",
  "notes": [
    "Structure as published [perez-ruixo-2021]: esketamine 3-compartment (Vc, Vp1, Vp2) plus a hepato-portal liver compartment (Vh) exchanging with the central compartment at Qh; hepatic loss is first order from the liver (kel to other metabolites, kmet to noresketamine), which is the well-stirred model written as linear flows. [calc] E = (kel+kmet)Vh / (Qh + (kel+kmet)Vh) = 0.72, CL = Qh E = 109 L/h, fraction to noresketamine kmet/(kel+kmet) = 0.71 (checked by ProfileValidationTests).",
    "Units: Table 3 prints the rate constants (ka_n, ka_sw, ka_po, kel, kmet) in 'L/h' and the ODEs for the depots with typos [perez-ruixo-2021 Table 3]. Rate constants are entered as 1/h; the depots follow the paper's Fig. 1 (nasal depot into central, swallowed and oral depots into the liver).",
    "Route 'in': one session dose of n = dose/28 mg devices (Spravato 28 mg base per device [esketamine-us-label-2019]). The nasal depot receives FRN_EFF = FRn (1 + 0.62 (n-1)) / n (DeviceRule: later devices absorb 0.62x), first order ka_n into the central compartment; the swallowed part (1 - FRN_EFF) x Fgut is a zero-order input over Dsw into a gut depot, then first order ka_sw into the liver. Devices given 5 min apart are treated as one dose at the session start. [calc] FRN_EFF 0.54 / 0.437 / 0.403 and total F 0.62 / 0.54 / 0.51 for 28 / 56 / 84 mg.",
    "Route 'po' (oral solution): zero-order over Dpo into a gut depot with F = Fgut, then ka_po into the liver ([calc] systemic F = Fgut (1-E) = 0.18; the paper reports 18.6% of a swallowed dose reaching the circulation [perez-ruixo-2021]). Route 'iv' (the paper's 28 mg over 40 min) and 'iv-bolus' dose the central compartment.",
    "Noresketamine volumes and clearances are apparent (Vcn/F, CLn/F, Q3/F, Vpn/F): there were no noresketamine IV data, so the fraction F of the kmet flux that reaches plasma as noresketamine is not identifiable and is absorbed into those apparent values. The kmet flow therefore moves the whole kmet flux (yield 1, esketamine mass, no molecular-weight conversion) into the noresketamine compartment, exactly as the paper's dA7/dt = kmet A6 - ...; applying a further formation fraction would count F twice, and a MW factor would double-count what the apparent volumes already hold. CM therefore uses output scale 1000.",
    "Known discrepancy kept, not tuned: a literal implementation reproduces Table 4 esketamine Cmax/AUC within ~4% and noresketamine Cmax within ~2% but over-predicts noresketamine AUC0-24 by ~1.4-1.56x (reported with the nlmixr2lib transcription [perez-ruixo-2021]; independently seen by others). The ratio is close to 1/fm = 3.88/2.77 = 1.40 but is not a constant scale (it varies with covariates), and a linear scale would break the matching Cmax, so the cause is probably a transcription or typesetting error in one of the noresketamine parameters that we cannot identify without the full text. The published values are kept; validation V10 noresketamine AUC cases are expected misses with this reason. Consistent with a shape problem: the simulated noresketamine terminal half-life is ~11 h against ~8 h on the label [esketamine-us-label-2019], while esketamine's (~11 h) is inside the label's 7-12 h.",
    "Covariates [perez-ruixo-2021 Table 3]: Qh decreases by 2.19 L/h per year of age above 60 (linearAbove); kel x 0.36 and CLn/F x 0.81 in Asian subjects (ASIAN = 1); FRn x 1.34 in Japanese subjects (JAPANESE = 1; a Japanese subject is also ASIAN = 1). The profile cannot draw the two race indicators jointly (Japanese is a subset of Asian), so JAPANESE has a 'fixed' distribution at 0 and must be set explicitly; ASIAN is drawn as Bernoulli(0.137). Body weight was screened and not retained (no effect); WT is listed only so virtual subjects carry a weight.",
    "Order of operations differs slightly from the paper for Japanese subjects: the engine applies covariate factors before etas, so FRn = logistic(logit(0.54 x 1.34) + eta) instead of 1.34 x logistic(logit(0.54) + eta); identical at eta = 0 and it keeps FRn < 1.",
    "IIV: CV% on exponential etas (omega^2 = ln(1 + CV^2)); FRn eta additive on the logit scale with SD 0.708 (the printed '70.8' read as a logit SD by nlmixr2lib [perez-ruixo-2021 Table 3]: UNCONFIRMED). Table 3 has no number for the kmet IIV (nlmixr2lib's 30% is a placeholder, UNCONFIRMED), so kmet has no eta here: population bands understate noresketamine variability somewhat.",
    "Residual error: additive on log-transformed data (LTBS) = exponential residuals, phase I/II values 27.6% (esketamine) and 42.2% (noresketamine) [perez-ruixo-2021 Table 3], entered as log-scale SDs.",
    "Effect site: the paper has none. CE uses t1/2ke0 6.1 min (Olofsen 2012, S-ketamine, mean over endpoints) [olofsen-2012] as an assumption for overlays."
  ],
  "parameters": [
    {
      "name": "FRN",
      "value": 0.54,
      "unit": "fraction",
      "source": "[perez-ruixo-2021 Table 3] via nlmixr2lib: FRn, fraction of one 28 mg device absorbed through the nasal mucosa"
    },
    {
      "name": "FRN_LATER",
      "value": 0.62,
      "unit": "ratio",
      "source": "[perez-ruixo-2021 Table 3] via nlmixr2lib: dose effect on FRn for the 2nd and later devices in a session (x 0.62)"
    },
    {
      "name": "KA_N",
      "value": 2.93,
      "unit": "1/h",
      "source": "[perez-ruixo-2021 Table 3] via nlmixr2lib: ka_n nasal absorption (printed 'L/h' in Table 3: a units typo, rate constants are 1/h)",
      "note": "absorption t1/2 ~14 min [calc]"
    },
    {
      "name": "DSW",
      "value": 0.53,
      "unit": "h",
      "source": "[perez-ruixo-2021 Table 3] via nlmixr2lib: Dsw, zero-order duration of the swallowed nasal fraction"
    },
    {
      "name": "KA_SW",
      "value": 1.45,
      "unit": "1/h",
      "source": "[perez-ruixo-2021 Table 3] via nlmixr2lib: ka_sw swallowed-nasal absorption (printed 'L/h' in Table 3: a units typo, rate constants are 1/h)"
    },
    {
      "name": "DPO",
      "value": 0.32,
      "unit": "h",
      "source": "[perez-ruixo-2021 Table 3] via nlmixr2lib: Dpo, zero-order duration of the oral solution"
    },
    {
      "name": "KA_PO",
      "value": 0.97,
      "unit": "1/h",
      "source": "[perez-ruixo-2021 Table 3] via nlmixr2lib: ka_po oral absorption (printed 'L/h' in Table 3: a units typo, rate constants are 1/h)"
    },
    {
      "name": "FGUT",
      "value": 0.64,
      "unit": "fraction",
      "source": "[perez-ruixo-2021 Table 3] via nlmixr2lib: Fgut, fraction escaping the gut wall"
    },
    {
      "name": "VC",
      "value": 192,
      "unit": "L",
      "source": "[perez-ruixo-2021 Table 3] via nlmixr2lib: Vc"
    },
    {
      "name": "Q1",
      "value": 84.3,
      "unit": "L/h",
      "source": "[perez-ruixo-2021 Table 3] via nlmixr2lib: Q1"
    },
    {
      "name": "VP1",
      "value": 143,
      "unit": "L",
      "source": "[perez-ruixo-2021 Table 3] via nlmixr2lib: Vp1"
    },
    {
      "name": "Q2",
      "value": 37.6,
      "unit": "L/h",
      "source": "[perez-ruixo-2021 Table 3] via nlmixr2lib: Q2"
    },
    {
      "name": "VP2",
      "value": 417,
      "unit": "L",
      "source": "[perez-ruixo-2021 Table 3] via nlmixr2lib: Vp2"
    },
    {
      "name": "QH",
      "value": 151,
      "unit": "L/h",
      "source": "[perez-ruixo-2021 Table 3] via nlmixr2lib: Qh hepatic blood flow (age effect in covariateEffects)"
    },
    {
      "name": "VH",
      "value": 101,
      "unit": "L",
      "source": "[perez-ruixo-2021 Table 3] via nlmixr2lib: Vh hepato-portal volume"
    },
    {
      "name": "KEL",
      "value": 1.11,
      "unit": "1/h",
      "source": "[perez-ruixo-2021 Table 3] via nlmixr2lib: kel, liver to other metabolites (printed 'L/h' in Table 3: a units typo, rate constants are 1/h)"
    },
    {
      "name": "KMET",
      "value": 2.77,
      "unit": "1/h",
      "source": "[perez-ruixo-2021 Table 3] via nlmixr2lib: kmet, liver to noresketamine (printed 'L/h' in Table 3: a units typo, rate constants are 1/h)"
    },
    {
      "name": "VCN",
      "value": 70.0,
      "unit": "L",
      "source": "[perez-ruixo-2021 Table 3] via nlmixr2lib: noresketamine Vcn/F (apparent)"
    },
    {
      "name": "CLN",
      "value": 38.0,
      "unit": "L/h",
      "source": "[perez-ruixo-2021 Table 3] via nlmixr2lib: noresketamine CLn/F (apparent)"
    },
    {
      "name": "Q3",
      "value": 26.1,
      "unit": "L/h",
      "source": "[perez-ruixo-2021 Table 3] via nlmixr2lib: noresketamine Q3/F (apparent)"
    },
    {
      "name": "VPN",
      "value": 115,
      "unit": "L",
      "source": "[perez-ruixo-2021 Table 3] via nlmixr2lib: noresketamine Vpn/F (apparent)"
    },
    {
      "name": "T12KE0",
      "value": 6.1,
      "unit": "min",
      "source": "Olofsen 2012 [olofsen-2012]: mean t1/2ke0 across endpoints, S-ketamine, 12 healthy men; the paper has no effect site, assumed for esketamine overlays",
      "unconfirmed": true
    },
    {
      "name": "KE0",
      "value": 6.8178411202617575,
      "unit": "1/h",
      "source": "[calc] ln 2 / T12KE0 (6.1 min)",
      "calc": true
    }
  ],
  "compartments": [
    {
      "name": "depot.nasal"
    },
    {
      "name": "depot.swallowed"
    },
    {
      "name": "depot.oral"
    },
    {
      "name": "central",
      "volume": "VC"
    },
    {
      "name": "peripheral1",
      "volume": "VP1"
    },
    {
      "name": "peripheral2",
      "volume": "VP2"
    },
    {
      "name": "liver",
      "volume": "VH"
    },
    {
      "name": "nk.central",
      "volume": "VCN"
    },
    {
      "name": "nk.peripheral",
      "volume": "VPN"
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
      "from": "depot.nasal",
      "to": "central",
      "rate": "KA_N"
    },
    {
      "from": "depot.swallowed",
      "to": "liver",
      "rate": "KA_SW"
    },
    {
      "from": "depot.oral",
      "to": "liver",
      "rate": "KA_PO"
    },
    {
      "from": "central",
      "to": "peripheral1",
      "rate": "Q1/VC"
    },
    {
      "from": "peripheral1",
      "to": "central",
      "rate": "Q1/VP1"
    },
    {
      "from": "central",
      "to": "peripheral2",
      "rate": "Q2/VC"
    },
    {
      "from": "peripheral2",
      "to": "central",
      "rate": "Q2/VP2"
    },
    {
      "from": "central",
      "to": "liver",
      "rate": "QH/VC"
    },
    {
      "from": "liver",
      "to": "central",
      "rate": "QH/VH"
    },
    {
      "from": "liver",
      "to": null,
      "rate": "KEL"
    },
    {
      "from": "liver",
      "to": "nk.central",
      "rate": "KMET"
    },
    {
      "from": "nk.central",
      "to": null,
      "rate": "CLN/VCN"
    },
    {
      "from": "nk.central",
      "to": "nk.peripheral",
      "rate": "Q3/VCN"
    },
    {
      "from": "nk.peripheral",
      "to": "nk.central",
      "rate": "Q3/VPN"
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
      "compartment": "nk.central",
      "scale": 1000,
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
      "source": "IV: F = 1; the paper's IV arm was 28 mg over 40 min (ESKETINTRD1009 [esketintrd1009-record])"
    },
    "iv-bolus": {
      "inputs": [
        {
          "compartment": "central",
          "fraction": "1"
        }
      ],
      "source": "IV bolus: F = 1 (same disposition; not a studied regimen)"
    },
    "in": {
      "inputs": [
        {
          "compartment": "depot.nasal",
          "fraction": "FRN_EFF"
        },
        {
          "compartment": "depot.swallowed",
          "fraction": "(1-FRN_EFF)*FGUT",
          "duration": "DSW"
        }
      ],
      "devices": {
        "sizeMg": 28,
        "parameter": "FRN",
        "laterDeviceFactor": "FRN_LATER",
        "effective": "FRN_EFF"
      },
      "source": "Perez-Ruixo 2021 [perez-ruixo-2021]: nasal depot F = FRn_eff, swallowed depot F = (1-FRn_eff) Fgut over Dsw; 28 mg base per device (Spravato label [esketamine-us-label-2019])"
    },
    "po": {
      "inputs": [
        {
          "compartment": "depot.oral",
          "fraction": "FGUT",
          "duration": "DPO"
        }
      ],
      "source": "Perez-Ruixo 2021 [perez-ruixo-2021]: oral solution, zero-order over Dpo then ka_po into the liver, F = Fgut before hepatic first pass"
    }
  },
  "covariates": [
    {
      "name": "WT",
      "unit": "kg",
      "reference": 74,
      "typical": 74,
      "distribution": {
        "kind": "normal",
        "mean": 74,
        "sd": 15,
        "low": 39,
        "high": 170
      },
      "source": "Perez-Ruixo 2021 [perez-ruixo-2021 Table 2]: median 74 (39-170) kg; screened, not retained (no effect). SD 15 is an assumption"
    },
    {
      "name": "AGE",
      "unit": "y",
      "reference": 45,
      "typical": 45,
      "distribution": {
        "kind": "normal",
        "mean": 45,
        "sd": 14,
        "low": 18,
        "high": 86
      },
      "source": "Perez-Ruixo 2021 [perez-ruixo-2021 Table 2]: median 45 (18-86) y; SD 14 is an assumption"
    },
    {
      "name": "ASIAN",
      "unit": "0/1",
      "reference": 0,
      "typical": 0,
      "distribution": {
        "kind": "bernoulli",
        "p": 0.137
      },
      "source": "Perez-Ruixo 2021 [perez-ruixo-2021 Table 2]: 13.7% Asian"
    },
    {
      "name": "JAPANESE",
      "unit": "0/1",
      "reference": 0,
      "typical": 0,
      "distribution": {
        "kind": "fixed"
      },
      "source": "Perez-Ruixo 2021 [perez-ruixo-2021 Table 2]: 72 of 820 Japanese (all also Asian); set explicitly together with ASIAN = 1"
    }
  ],
  "covariateEffects": [
    {
      "parameter": "QH",
      "covariate": "AGE",
      "kind": "linearAbove",
      "slope": -2.19,
      "threshold": 60,
      "source": "[perez-ruixo-2021 Table 3] via nlmixr2lib: age on Qh -2.19 L/h per year above 60"
    },
    {
      "parameter": "KEL",
      "covariate": "ASIAN",
      "kind": "factor",
      "level": 1,
      "factor": 0.36,
      "source": "[perez-ruixo-2021 Table 3] via nlmixr2lib: Asian on kel x 0.36"
    },
    {
      "parameter": "CLN",
      "covariate": "ASIAN",
      "kind": "factor",
      "level": 1,
      "factor": 0.81,
      "source": "[perez-ruixo-2021 Table 3] via nlmixr2lib: Asian on CLn/F x 0.81"
    },
    {
      "parameter": "FRN",
      "covariate": "JAPANESE",
      "kind": "factor",
      "level": 1,
      "factor": 1.34,
      "source": "[perez-ruixo-2021 Table 3] via nlmixr2lib: Japanese on FRn x 1.34"
    }
  ],
  "variability": [
    {
      "name": "ETA_FRN",
      "parameter": "FRN",
      "sd": 0.708,
      "transform": "logit",
      "source": "[perez-ruixo-2021 Table 3] via nlmixr2lib: printed 70.8, read as the SD of an additive eta on the logit scale by nlmixr2lib",
      "unconfirmed": true
    },
    {
      "name": "ETA_KA_N",
      "parameter": "KA_N",
      "cv": 61.5,
      "source": "[perez-ruixo-2021 Table 3] via nlmixr2lib: 61.5 CV%"
    },
    {
      "name": "ETA_KA_SW",
      "parameter": "KA_SW",
      "cv": 132,
      "source": "[perez-ruixo-2021 Table 3] via nlmixr2lib: 132 CV%"
    },
    {
      "name": "ETA_KA_PO",
      "parameter": "KA_PO",
      "cv": 132,
      "source": "[perez-ruixo-2021 Table 3] via nlmixr2lib: 132 CV%"
    },
    {
      "name": "ETA_VC",
      "parameter": "VC",
      "cv": 27.5,
      "source": "[perez-ruixo-2021 Table 3] via nlmixr2lib: 27.5 CV%"
    },
    {
      "name": "ETA_VP1",
      "parameter": "VP1",
      "cv": 49.3,
      "source": "[perez-ruixo-2021 Table 3] via nlmixr2lib: 49.3 CV%"
    },
    {
      "name": "ETA_QH",
      "parameter": "QH",
      "cv": 23.2,
      "source": "[perez-ruixo-2021 Table 3] via nlmixr2lib: 23.2 CV%"
    },
    {
      "name": "ETA_VH",
      "parameter": "VH",
      "cv": 34.6,
      "source": "[perez-ruixo-2021 Table 3] via nlmixr2lib: 34.6 CV%"
    },
    {
      "name": "ETA_KEL",
      "parameter": "KEL",
      "cv": 120,
      "source": "[perez-ruixo-2021 Table 3] via nlmixr2lib: 120 CV%"
    },
    {
      "name": "ETA_VCN",
      "parameter": "VCN",
      "cv": 31.6,
      "source": "[perez-ruixo-2021 Table 3] via nlmixr2lib: 31.6 CV%"
    },
    {
      "name": "ETA_CLN",
      "parameter": "CLN",
      "cv": 25.4,
      "source": "[perez-ruixo-2021 Table 3] via nlmixr2lib: 25.4 CV%"
    }
  ],
  "correlations": [],
  "residualError": [
    {
      "output": "CP",
      "exponential": 0.276,
      "source": "[perez-ruixo-2021 Table 3] via nlmixr2lib: log-transformed additive 27.6% (phase I/II)"
    },
    {
      "output": "CM",
      "exponential": 0.422,
      "source": "[perez-ruixo-2021 Table 3] via nlmixr2lib: log-transformed additive 42.2% (phase I/II)"
    }
  ]
}
"""####,
        "protocols.json": ####"""
{
  "version": 1,
  "source": "KAP dosing and scheduling in published practice, each entry with its sources (Profiles/references.json). Evidence marks: V = read in the named source or a faithful abstract/label extract; U = not verified against the primary source; S = secondary source (clinic site, blog, news); derived = our own choice from the numbers cited, no published value",
  "notes": [
    "Every limit here is clinician-configurable data, not clinical guidance.",
    "Dose tiers are by route (the same mg/kg means different things by route and rate); exposure tiers are by predicted peak plasma concentration of the profile's analyte.",
    "Exposure tier edges are derived from the concentration bands in bands.json and model predictions of the published tier doses on clements-1981; the anaesthetic floor is read from bands.json."
  ],
  "potency": {
    "sKetamineToRacemic": 1.8,
    "source": "ASKP3 route table note [askp3-routes]: esketamine roughly 1.8x as potent as racemic ketamine [S]; EEG IC50 ratio 2-2.5 (Schuettler 1987 [schuettler-1987])",
    "evidence": "S"
  },
  "tierOrder": ["sub-perceptual", "psycholytic", "psychedelic", "high"],
  "exposureTiers": {
    "racemic": [
      {"tier": "sub-perceptual", "lowNgPerML": 0, "highNgPerML": 70, "evidence": "derived",
       "source": "below the lower edge of the racemic analgesia band (70 ng/mL, bands.json)"},
      {"tier": "psycholytic", "lowNgPerML": 70, "highNgPerML": 250, "evidence": "derived",
       "source": "analgesia lower edge to the top of the dissociation band (100-250 ng/mL at 0.5 mg/kg over 40 min [zanos-2018 Table 1]); IV 0.5 mg/kg over 40 min peaks ~185 ng/mL (Zarate 2006 [zarate-2006] via Zanos 2018) [V]"},
      {"tier": "psychedelic", "lowNgPerML": 250, "highNgPerML": 640, "evidence": "derived",
       "source": "above the dissociation band, below the adult awakening level (~640 ng/mL, Idvall 1979 [idvall-1979] via bands.json)"},
      {"tier": "high", "lowNgPerML": 640, "highNgPerML": null, "evidence": "derived",
       "source": "awakening level up to the anaesthesia floor (bands.json); Krupitsky 2.0 mg/kg IM [krupitsky-2002] predicts ~800 ng/mL on clements-1981 [calc]"}
    ],
    "S-ketamine": [
      {"tier": "sub-perceptual", "lowNgPerML": 0, "highNgPerML": 35, "evidence": "derived",
       "source": "racemic edge 70 ng/mL divided by the S/racemate potency ~2 (Schuettler 1987, Peltoniemi 2016) [schuettler-1987; peltoniemi-2016] [calc, rough]"},
      {"tier": "psycholytic", "lowNgPerML": 35, "highNgPerML": 125, "evidence": "derived",
       "source": "up to the top of the S-ketamine dissociation band (50-125 ng/mL, bands.json, UNCONFIRMED) [calc]"},
      {"tier": "psychedelic", "lowNgPerML": 125, "highNgPerML": 320, "evidence": "derived",
       "source": "racemic 250-640 ng/mL divided by ~2 [calc, rough]"},
      {"tier": "high", "lowNgPerML": 320, "highNgPerML": null, "evidence": "derived",
       "source": "racemic 640 ng/mL divided by ~2, up to the S-ketamine anaesthesia floor (bands.json) [calc, rough]"}
    ]
  },
  "doseTiers": {
    "iv": [
      {"tier": "sub-perceptual", "min": 0.1, "max": 0.3, "unit": "mg/kg", "evidence": "V",
       "source": "0.1 mg/kg is the lowest dose reported to help some patients (Andrade 2017 [andrade-2017]) [V]; upper edge derived"},
      {"tier": "psycholytic", "min": 0.3, "max": 0.75, "unit": "mg/kg", "evidence": "V",
       "source": "0.5 mg/kg over 40 min: standard antidepressant infusion (Sanacora 2017; Andrade 2017) [sanacora-2017; andrade-2017] [V], labelled psycholytic (Numinus) [numinus-ketamine-module] [S]; antidepressant range to 0.75 (Andrade 2017) [andrade-2017] [V]"},
      {"tier": "psychedelic", "min": 0.75, "max": 2.0, "unit": "mg/kg", "evidence": "S",
       "source": "0.71-0.8 mg/kg in addiction RCTs (Dakwar 2020, Grabski 2022) [dakwar-2020; grabski-2022] [V]; ~1 mg/kg 'psychedelic' (Numinus) [numinus-ketamine-module] [S]; clinics report 0.5-2 mg/kg (Nushama) [nushama-faq] [S]"}
    ],
    "im": [
      {"tier": "psycholytic", "min": 0.2, "max": 0.5, "unit": "mg/kg", "evidence": "V",
       "source": "0.2 mg/kg IM sub-psychedelic (Krupitsky 2002) [krupitsky-2002] [V]; 25-50 mg empathogenic (Psychedelic Times IM guide) [psychedelic-times-dosing-guide] [S]"},
      {"tier": "psychedelic", "min": 0.5, "max": 1.5, "unit": "mg/kg", "evidence": "V",
       "source": "<= 0.75 mg/kg plus 20-40 mg top-up (IM feasibility study, Blossom trial record) [im-kap-feasibility-trial] [V]; upper edge derived"},
      {"tier": "high", "min": 1.5, "max": 2.0, "unit": "mg/kg", "evidence": "V",
       "source": "2.0 mg/kg IM full psychedelic (Krupitsky 2002, 2007) [krupitsky-2002; krupitsky-2007] [V]; the 2.5-3.0 mg/kg alcohol programme [U] is left out: 3.0 mg/kg predicts an anaesthetic peak (anaesthetic-exposure) and no tier may include a dose the rules block"}
    ],
    "sl": [
      {"tier": "sub-perceptual", "min": 10, "max": 70, "unit": "mg", "evidence": "V",
       "source": "10 mg SL every 2-3 days (Lara 2013) [lara-2013] [V]; 35-70 mg troches for home use (MIT Technology Review quote) [mit-technology-review-ketamine] [S]"},
      {"tier": "psycholytic", "min": 70, "max": 200, "unit": "mg", "evidence": "S",
       "source": "100-200 mg SL 'empathogenic (light psychedelic)' (Samadhi blog citing Kolp) [samadhi-ketamine-dose] [S]"},
      {"tier": "psychedelic", "min": 200, "max": 400, "unit": "mg", "evidence": "V",
       "source": "up to 400 mg SL RDT (CTP at-home lozenge method) [wolfson-ctp-lozenge] [V]; ~200 mg SL ~ IV 1 mg/kg (ASKP3 table) [askp3-routes Table 1] [S]"}
    ],
    "po": [
      {"tier": "sub-perceptual", "min": 0.25, "max": 1.0, "unit": "mg/kg", "evidence": "derived",
       "source": "bottom of the oral range 0.25 mg/kg (Andrade 2019) [andrade-2019] [V]; edges derived"},
      {"tier": "psycholytic", "min": 1.0, "max": 3.0, "unit": "mg/kg", "evidence": "derived",
       "source": "1 vs 2 mg/kg oral RCT (KheirAbadi & Golkar 2023) [kheirabadi-2023] [V]; 2.0-2.5 mg/kg PO may be needed to match IV 0.5 mg/kg (Andrade 2019) [andrade-2019] [V]; edges derived"},
      {"tier": "psychedelic", "min": 3.0, "max": 7.0, "unit": "mg/kg", "evidence": "derived",
       "source": "top of the oral range 7 mg/kg (Andrade 2019) [andrade-2019] [V]; no published psychedelic oral protocol; derived"}
    ],
    "in-esketamine": [
      {"tier": "psycholytic", "min": 28, "max": 84, "unit": "mg", "evidence": "S",
       "source": "esketamine 56 mg ~ IV 0.5 mg/kg (ASKP3 table) [askp3-routes Table 1] [S]; label doses 28/56 mg [esketamine-us-label-2019] [V]"},
      {"tier": "psychedelic", "min": 84, "max": 84, "unit": "mg", "evidence": "S",
       "source": "esketamine 84 mg ~ IV 1 mg/kg (ASKP3 table) [askp3-routes Table 1] [S]; 84 mg label maximum [esketamine-us-label-2019] [V]"}
    ]
  },
  "escalationSteps": {
    "iv": {"mgPerKg": 0.1, "evidence": "derived", "source": "ASKP basics [askp-basics]: start 0.5-1 mg/kg over 40-60 min and escalate as needed [V]; step size derived"},
    "im": {"mgPerKg": 0.25, "evidence": "derived", "source": "repeat at a higher dose for non-responders (Andrade 2017) [andrade-2017] [V]; step size derived"},
    "sl": {"mg": 50, "evidence": "derived", "source": "RDTs come as 50 and 100 mg tablets (CTP) [wolfson-ctp-lozenge] [V]; one 50 mg tablet per step derived"},
    "po": {"mg": 25, "evidence": "V", "source": "+25 mg every 3 days (Al Shirawi 2017) [al-shirawi-2017] [V]"},
    "in-esketamine": {"mg": 28, "evidence": "V", "source": "esketamine label [esketamine-us-label-2019]: change only in 28 mg (one device) steps [V]"}
  },
  "rules": [
    {"id": "max-single-dose-iv", "kind": "maxSingleDose", "level": "warn-ack", "route": "iv", "maxMgPerKg": 0.8, "evidence": "derived",
     "source": "antidepressant range 0.1-0.75 mg/kg (Andrade 2017) [andrade-2017] [V]; RCTs used 0.8 (Grabski 2022) and 0.71 (Dakwar 2020) [grabski-2022; dakwar-2020] [V]; threshold derived"},
    {"id": "iv-fast-bolus", "kind": "fastIV", "level": "block", "route": "iv", "minMgPerKg": 1.0, "maxMgPerKgPerMin": 0.2, "evidence": "derived",
     "source": "Ketalar label [ketalar-label]: IV induction 1-4.5 mg/kg given over 60 s, or 1-2 mg/kg at 0.5 mg/kg/min [V]; ACEP dissociative sedation 1.5-2 mg/kg IV over 30-60 s [green-2011] [S]; BLOCK a dose >= 1 mg/kg given faster than 0.2 mg/kg/min (1 mg/kg over 5 min), below the slowest labelled induction rate (derived)"},
    {"id": "iv-rapid", "kind": "fastIV", "level": "warn-ack", "route": "iv", "minMgPerKg": 0.5, "maxMinutes": 10, "evidence": "derived",
     "source": "0.5 mg/kg is the antidepressant dose over 40 min (Andrade 2017) [andrade-2017] [V]; faster administration gives higher peaks and an enhanced pressor response (Ketalar label) [ketalar-label] [V]; WARN-ACK at >= 0.5 mg/kg in under 10 min (derived)"},
    {"id": "iv-short-infusion", "kind": "shortInfusion", "level": "info", "route": "iv", "minMinutes": 40, "evidence": "V",
     "source": "40 min is conventional, but 2-100 min has been reported safe (Andrade 2017) [andrade-2017] [V]"},
    {"id": "max-single-dose-im", "kind": "maxSingleDose", "level": "warn-ack", "route": "im", "maxMgPerKg": 2.0, "evidence": "V",
     "source": "2.0 mg/kg IM is the top of published KAP practice (Krupitsky 2002, 2007) [krupitsky-2002; krupitsky-2007] [V]; dose plus planned or optional top-up"},
    {"id": "im-dissociative-dose", "kind": "maxSingleDose", "level": "block", "route": "im", "maxMgPerKg": 4.0, "inclusive": true, "evidence": "S",
     "source": "4 mg/kg IM is the emergency dissociative-sedation dose (ACEP guideline, Green 2011) [green-2011] [S]; the Ketalar IM anaesthesia induction range 6.5-13 mg/kg [ketalar-label] [V] lies above it; BLOCK at or above 4 mg/kg, dose plus planned or optional top-up"},
    {"id": "max-single-dose-sl", "kind": "maxSingleDose", "level": "warn-ack", "route": "sl", "maxMg": 400, "evidence": "V",
     "source": "400 mg SL RDT, top of the CTP range [wolfson-ctp-lozenge] [V]"},
    {"id": "max-single-dose-po", "kind": "maxSingleDose", "level": "warn-ack", "route": "po", "maxMg": 300, "maxMgPerKg": 7.0, "evidence": "V",
     "source": "oral 25-300 mg fixed or 0.25-7.0 mg/kg (Andrade 2019) [andrade-2019] [V]"},
    {"id": "max-single-dose-esketamine", "kind": "maxSingleDose", "level": "block", "route": "in-esketamine", "maxMg": 84, "evidence": "V",
     "source": "esketamine label [esketamine-us-label-2019]: 56 or 84 mg per session, 84 mg the maximum [V]; a dose above the labelled maximum blocks like a dose that is not whole devices"},
    {"id": "esketamine-device-step", "kind": "doseMultiple", "level": "block", "route": "in-esketamine", "multipleOfMg": 28, "evidence": "V",
     "source": "esketamine label [esketamine-us-label-2019]: 28 mg per device (2 sprays), dose changes in 28 mg steps [V]"},
    {"id": "esketamine-consecutive-days", "kind": "consecutiveDays", "level": "block", "analyte": "S-ketamine", "evidence": "U",
     "source": "esketamine induction: not on two consecutive days (label item as quoted in the issue-19 audit; EU SmPC [spravato-eu-smpc]) [U: wording not read in the label text]; twice weekly in weeks 1-4 [esketamine-us-label-2019] [V]"},
    {"id": "min-interval", "kind": "minInterval", "level": "warn-ack", "hours": 48, "evidence": "derived",
     "source": "no published course doses more often than every ~2 days: Murrough 2013 3x/week [murrough-2013], esketamine/Wilkinson 2017/Yale 2x/week [esketamine-us-label-2019; wilkinson-2017; yale-nct02289248], Al Shirawi 2017 every 3 days [al-shirawi-2017] [V]; 48 h threshold derived"},
    {"id": "same-day", "kind": "sameDay", "level": "block", "evidence": "derived",
     "source": "BLOCK a second dosing session on the same calendar day (derived); a planned in-session top-up (20-40 mg IM at 12 min, IM feasibility study [im-kap-feasibility-trial]) [V] is part of its session and exempt"},
    {"id": "weekly-total", "kind": "weeklyTotal", "level": "warn-ack", "evidence": "derived",
     "limits": {"iv": {"mgPerKg": 1.5}, "in-esketamine": {"mg": 168}, "po": {"mgPerKg": 4.0}, "im": {"mgPerKg": 2.0}},
     "source": "no published weekly cap; densest published schedules (derived): IV 3 x 0.5 mg/kg (Murrough 2013) [murrough-2013] [V]; esketamine 2 x 84 mg in induction (label) [esketamine-us-label-2019] [V]; PO 2 x 2 mg/kg (KheirAbadi 2023) [kheirabadi-2023] [V]; IM 2.0 mg/kg weekly at most (IM feasibility study weekly, Krupitsky 2007 monthly) [im-kap-feasibility-trial; krupitsky-2007] [V]. Rolling 7 days ending at each session, doses plus planned top-ups"},
    {"id": "anaesthetic-exposure", "kind": "anaestheticExposure", "level": "block", "evidence": "derived",
     "source": "predicted peak plasma concentration in the anaesthesia band of bands.json: racemic >= 1200 ng/mL (IV 1-2 mg/kg gives 1200-2400 ng/mL [zanos-2018 Table 1]; EC50 2 mg/L [herd-2008]), S-ketamine >= 2000 ng/mL [langsjo-2005] [V]; the floor and the model prediction are ours (derived); anaesthesia is never a KAP target"},
    {"id": "recovery-time", "kind": "recovery", "level": "warn-ack", "evidence": "derived",
     "source": "the booked dosing session (window + observation) must cover the predicted time to the discharge level (model prediction; discharge level: lower edge of the dissociation band, bands.json, derived) and the label's minimum time on site (esketamine >= 2 h after dosing [esketamine-us-label-2019] [V])"},
    {"id": "bp-esketamine", "kind": "bloodPressure", "level": "warn-ack", "analyte": "S-ketamine", "systolicAbove": 140, "diastolicAbove": 90, "evidence": "S",
     "source": "esketamine label (secondary extracts) [esketamine-us-label-2019]: measure BP before dosing; above 140/90 weigh the short-term rise against benefit or consider delaying [S: read via MPR/droracle extracts]; a caution, not an absolute bar"},
    {"id": "bp-racemic", "kind": "bloodPressure", "level": "warn-ack", "analyte": "racemic", "systolicAbove": 140, "diastolicAbove": 90, "evidence": "derived",
     "source": "Ketalar label [ketalar-label]: BP rise is a serious hazard in some patients [V]; IV infusions for depression raised BP by +16/+11 mmHg at the mean peak, severe hypertension in 12.5% of patients (Yale chart review 2024) [yale-bp-2024] [V, abstract]; 140/90 threshold the same as esketamine's [esketamine-us-label-2019] (derived)"},
    {"id": "bp-hard-limit", "kind": "bloodPressure", "level": "block", "systolicAbove": 180, "diastolicAbove": 120, "inclusive": true, "evidence": "derived",
     "source": "severe hypertension is systolic >= 180 and/or diastolic >= 120 mmHg (ACC/AHA 2017 guideline [whelton-2018] [S]; hypertensive urgency and emergency reviewed for IV ketamine by Yip 2022 [yip-2022] [V, abstract]); ED analgesia protocol excludes systolic > 180 [scirp-ed-ketamine-protocol] [V, ED context]; used as a pre-dose hard gate (derived). Editable: systolicAbove, diastolicAbove in Profiles/protocols.json"},
    {"id": "esketamine-age", "kind": "minAge", "level": "block", "analyte": "S-ketamine", "minAge": 18, "evidence": "V",
     "source": "esketamine label [esketamine-us-label-2019]: not approved in pediatric patients (under 18) [V]"},
    {"id": "esketamine-home", "kind": "setting", "level": "block", "analyte": "S-ketamine", "settings": ["home-supervised", "home"], "evidence": "V",
     "source": "esketamine label [esketamine-us-label-2019]: administered under the direct supervision of a healthcare provider in a certified healthcare setting, >= 2 h monitoring [V]"},
    {"id": "parenteral-home", "kind": "setting", "level": "block", "routes": ["iv", "iv-bolus", "im"], "settings": ["home-supervised", "home"], "evidence": "V",
     "source": "Ketalar label [ketalar-label]: to be given by or under the direction of physicians experienced in anaesthetic drugs and airway maintenance [V]"},
    {"id": "unsupervised-home", "kind": "setting", "level": "warn-ack", "settings": ["home"], "evidence": "S",
     "source": "APA consensus (Sanacora 2017) [sanacora-2017] strongly discourages at-home self-administration [S: Medscape summary]; FDA 10 Oct 2023 warning on compounded ketamine at home: no one monitors on site [fda-2023-compounded-ketamine] [V]"},
    {"id": "remote-supervised-home", "kind": "setting", "level": "info", "settings": ["home-supervised"], "evidence": "S",
     "source": "home sessions with a remote guide (Hull 2022, Mindbloom) [hull-2022] [V]; no clinician on site to manage airway or BP (FDA 2023) [fda-2023-compounded-ketamine] [V]; INFO (derived)"},
    {"id": "futility-review", "kind": "futility", "level": "info", "sessions": 3, "evidence": "S",
     "source": "few patients respond after more than 3 infusions if none of the first 3 worked (Sanacora 2017 consensus via Medscape) [sanacora-2017] [S]"},
    {"id": "tier-mismatch", "kind": "tierMismatch", "level": "info", "evidence": "derived",
     "source": "tiers should be keyed on route, rate and predicted exposure, not mg/kg alone: 1-2 mg/kg is an anaesthetic IV induction dose given over 60 s [ketalar-label] but a KAP dose given IM [krupitsky-2002] (derived)"}
  ],
  "contraindications": [
    {"flag": "aneurysmal-vascular-disease", "label": "aneurysmal vascular disease or arteriovenous malformation", "levels": {"S-ketamine": "block", "racemic": "block"}, "evidence": "V",
     "source": "esketamine label contraindication [esketamine-us-label-2019] [V]; Ketalar: contraindicated when a significant BP rise would be a serious hazard [ketalar-label] [V]"},
    {"flag": "intracerebral-haemorrhage", "label": "history of intracerebral haemorrhage", "levels": {"S-ketamine": "block", "racemic": "block"}, "evidence": "V",
     "source": "esketamine label contraindication [esketamine-us-label-2019] [V]; Ketalar BP hazard [ketalar-label] [V]"},
    {"flag": "recent-cv-event", "label": "recent (within 6 weeks) cardiovascular event, including myocardial infarction", "levels": {"S-ketamine": "block", "racemic": "block"}, "evidence": "S",
     "source": "EU SmPC contraindication: recent (within 6 weeks) cardiovascular event including MI [spravato-eu-smpc] [S: SmPC text seen in extracts]; Ketalar: contraindicated when a significant BP rise would be a serious hazard [ketalar-label] [V]"},
    {"flag": "hypersensitivity", "label": "hypersensitivity to esketamine, ketamine or excipients", "levels": {"S-ketamine": "block", "racemic": "block"}, "evidence": "V",
     "source": "esketamine label; Ketalar label [esketamine-us-label-2019; ketalar-label] [V]"},
    {"flag": "bp-rise-hazard", "label": "a BP or intracranial-pressure rise would be a serious hazard", "levels": {"S-ketamine": "block", "racemic": "block"}, "evidence": "V",
     "source": "esketamine label; Ketalar label [esketamine-us-label-2019; ketalar-label] [V]"},
    {"flag": "pregnancy", "label": "pregnancy (may cause fetal harm; not recommended)", "levels": {"S-ketamine": "block", "racemic": "block"}, "evidence": "derived",
     "source": "esketamine label: may cause fetal harm, not recommended during pregnancy [esketamine-us-label-2019] [V]; ED protocol exclusion [scirp-ed-ketamine-protocol] [V, ED context]; BLOCK (override with a reason) is our severity for 'not recommended' (derived)"},
    {"flag": "psychosis", "label": "current psychosis", "levels": {"S-ketamine": "block", "racemic": "block"}, "evidence": "derived",
     "source": "esketamine label: psychosis only if the benefit outweighs the risk [esketamine-us-label-2019] [V]; ED protocol excludes psychosis [scirp-ed-ketamine-protocol] [V, ED context]; BLOCK for a current episode is our severity (derived)"},
    {"flag": "mania", "label": "current mania or hypomania", "levels": {"S-ketamine": "block", "racemic": "block"}, "evidence": "derived",
     "source": "EU SmPC: current or past mania or bipolar disorder, benefit-risk [spravato-eu-smpc] [S]; BLOCK for a current episode is our severity (derived)"},
    {"flag": "bipolar", "label": "bipolar disorder (not in a current episode)", "levels": {"S-ketamine": "warn-ack", "racemic": "warn-ack"}, "evidence": "S",
     "source": "EU SmPC: current or past mania or bipolar disorder, benefit-risk [spravato-eu-smpc] [S]"},
    {"flag": "substance-use", "label": "substance-use disorder history, including alcohol", "levels": {"S-ketamine": "warn-ack", "racemic": "warn-ack"}, "evidence": "V",
     "source": "esketamine warnings: abuse and misuse, assess history of substance use disorder [esketamine-us-label-2019] [V]; Ketalar: drug abuse and dependence [ketalar-label] [V]"},
    {"flag": "ketamine-misuse", "label": "history of ketamine or esketamine misuse", "levels": {"S-ketamine": "warn-ack", "racemic": "warn-ack"}, "evidence": "V",
     "source": "esketamine warnings: abuse and misuse [esketamine-us-label-2019] [V]; Ketalar: drug abuse and dependence [ketalar-label] [V]"},
    {"flag": "cardiovascular-disease", "label": "cardiovascular or cerebrovascular disease", "levels": {"S-ketamine": "warn-ack", "racemic": "warn-ack"}, "evidence": "V",
     "source": "esketamine warnings [esketamine-us-label-2019] [V]; ED protocol excludes active ischaemia or acute heart failure [scirp-ed-ketamine-protocol] [V, ED context]"},
    {"flag": "pulmonary-insufficiency", "label": "significant pulmonary insufficiency, including COPD (resuscitation-capable setting)", "levels": {"S-ketamine": "warn-ack", "racemic": "warn-ack"}, "evidence": "S",
     "source": "EU SmPC: treat only where resuscitation equipment and staff trained in CPR are available [spravato-eu-smpc] [S]; Ketalar: airway-experienced physicians [ketalar-label] [V]"},
    {"flag": "sleep-apnoea-bmi35", "label": "sleep apnoea with BMI >= 35 (resuscitation-capable setting)", "levels": {"S-ketamine": "warn-ack", "racemic": "warn-ack"}, "evidence": "S",
     "source": "EU SmPC: sleep apnoea with morbid obesity (BMI >= 35), resuscitation-capable setting [spravato-eu-smpc] [S]"},
    {"flag": "unstable-arrhythmia", "label": "uncontrolled brady- or tachyarrhythmia with haemodynamic instability (resuscitation-capable setting)", "levels": {"S-ketamine": "warn-ack", "racemic": "warn-ack"}, "evidence": "S",
     "source": "EU SmPC: uncontrolled brady- or tachyarrhythmias, resuscitation-capable setting [spravato-eu-smpc] [S]"},
    {"flag": "hypertensive-encephalopathy", "label": "history of hypertensive encephalopathy", "levels": {"S-ketamine": "warn-ack", "racemic": "warn-ack"}, "evidence": "V",
     "source": "esketamine warnings [esketamine-us-label-2019] [V]"},
    {"flag": "hepatic-moderate", "label": "moderate hepatic impairment (monitor longer)", "levels": {"S-ketamine": "warn-ack", "racemic": "warn-ack"}, "evidence": "V",
     "source": "esketamine warnings [esketamine-us-label-2019] [V]"},
    {"flag": "hepatic-severe", "label": "severe hepatic impairment (not recommended)", "levels": {"S-ketamine": "warn-ack", "racemic": "warn-ack"}, "evidence": "V",
     "source": "esketamine label: not recommended in severe hepatic impairment [esketamine-us-label-2019] [V]; ED protocol excludes advanced liver disease [scirp-ed-ketamine-protocol] [V, ED context]"},
    {"flag": "breastfeeding", "label": "breastfeeding (not recommended)", "levels": {"S-ketamine": "warn-ack", "racemic": "warn-ack"}, "evidence": "V",
     "source": "esketamine warnings [esketamine-us-label-2019] [V]"},
    {"flag": "cystitis", "label": "ulcerative or interstitial cystitis", "levels": {"S-ketamine": "warn-ack", "racemic": "warn-ack"}, "evidence": "V",
     "source": "esketamine warnings [esketamine-us-label-2019] [V]; Ketalar: genitourinary pain with chronic use [ketalar-label] [V]"},
    {"flag": "cns-depressants", "label": "CNS depressants (sedation)", "levels": {"S-ketamine": "warn-ack", "racemic": "warn-ack"}, "evidence": "V",
     "source": "esketamine warnings [esketamine-us-label-2019] [V]"},
    {"flag": "maoi", "label": "monoamine oxidase inhibitors (BP)", "levels": {"S-ketamine": "warn-ack", "racemic": "warn-ack"}, "evidence": "V",
     "source": "esketamine warnings: MAOIs may raise BP, monitor closely [esketamine-us-label-2019] [V]; racemic: same pressor mechanism (derived)"},
    {"flag": "psychostimulants", "label": "psychostimulants (BP)", "levels": {"S-ketamine": "warn-ack", "racemic": "warn-ack"}, "evidence": "V",
     "source": "esketamine warnings: psychostimulants may raise BP [esketamine-us-label-2019] [V]; racemic: same pressor mechanism (derived)"},
    {"flag": "hypertension", "label": "known hypertension (larger BP rises expected)", "levels": {"S-ketamine": "info", "racemic": "info"}, "evidence": "V",
     "source": "Guangzhou cohort [guangzhou-bp-cohort]: bigger BP rises with hypertension and age >= 50 [V, abstract]; all patients with hypertension had a BP surge (Yale 2024) [yale-bp-2024] [V, abstract]"}
  ],
  "practice": [
    {"id": "fasting-esketamine", "analyte": "S-ketamine", "text": "no food for 2 h and no liquids for 30 min before dosing (nausea and vomiting)", "evidence": "S",
     "source": "esketamine label, administration [esketamine-us-label-2019; spravato-eu-smpc] [S: read via label extracts]"},
    {"id": "fasting-racemic", "analyte": "racemic", "text": "fast before dosing (nil per os); aspiration may occur with ketamine; the fasting interval is the clinic's", "evidence": "V",
     "source": "Ketalar label [ketalar-label]: aspiration may occur, preoperative preparation [V]; interval not given (derived)"},
    {"id": "nasal-spray-timing", "analyte": "S-ketamine", "text": "a nasal corticosteroid or decongestant needed that day is used at least 1 h before esketamine", "evidence": "S",
     "source": "esketamine label, administration [esketamine-us-label-2019; spravato-eu-smpc] [S: read via label extracts]"},
    {"id": "bp-recheck", "text": "BP before dosing and again at ~40 min (the usual peak), then as needed until stable", "evidence": "V",
     "source": "esketamine label [esketamine-us-label-2019] [V]; IV infusion BP peaks at 30-40 min [guangzhou-bp-cohort; yale-bp-2024] [V, abstract]"},
    {"id": "oximetry", "text": "pulse oximetry during every dosing session", "evidence": "V",
     "source": "esketamine label: pulse oximetry each session [esketamine-us-label-2019] [V]; Ketalar: monitoring of respiration [ketalar-label] [V]"},
    {"id": "airway", "text": "airway equipment, oxygen and staff trained in resuscitation available on site", "evidence": "S",
     "source": "Ketalar label: airway-experienced physicians [ketalar-label] [V]; EU SmPC: resuscitation equipment and CPR-trained staff for at-risk patients [spravato-eu-smpc] [S]"},
    {"id": "no-driving", "text": "no driving or machinery until the next day after restful sleep", "evidence": "V",
     "source": "esketamine label [esketamine-us-label-2019] [V]; ED protocol: no driving for >= 8 h [scirp-ed-ketamine-protocol] [V, ED context]; next day for racemic ketamine derived"},
    {"id": "escort", "text": "an escort takes the patient home", "evidence": "derived",
     "source": "follows from no driving until the next day [esketamine-us-label-2019] [V]; escort required (derived)"}
  ],
  "protocols": [
    {
      "id": "murrough-2013",
      "title": "IV ketamine 0.5 mg/kg over 40 min, up to 6 infusions, 3 a week over 12 days",
      "source": "Murrough et al. 2013, Biol Psychiatry 74(4):250-256 [murrough-2013]", "evidence": "V",
      "notes": ["0.5 mg/kg and up to 6 infusions 3x/week over 12 days [V]; 40 min infusion standard, not in the abstract [U]", "no escalation (fixed dose) [V]"],
      "route": "iv", "analyte": "racemic", "profile": "clements-1981",
      "infusionMin": 40, "infusionEvidence": "U",
      "dose": {"mgPerKg": 0.5},
      "schedule": [{"sessions": 6, "perWeek": 3, "evidence": "V", "source": "3x/week over 12 days [V]"}],
      "defaultWeekdays": ["mon", "wed", "fri"],
      "time": "09:00", "windowMin": 90, "observationMin": 60,
      "windowSource": "IV dosing session ~90 min (template default) [derived]; observation >= 60 min [derived]"
    },
    {
      "id": "wilkinson-2017",
      "title": "IV ketamine 0.5 mg/kg over 40 min, 4 infusions over 2 weeks, with 12 CBT sessions over 10 weeks",
      "source": "Wilkinson et al. 2017, Psychother Psychosom 86(3):162-167 [wilkinson-2017]", "evidence": "V",
      "notes": ["4 infusions over 2 weeks (not 6) [V]", "12 CBT sessions over 10 weeks started at the same time [V]"],
      "route": "iv", "analyte": "racemic", "profile": "clements-1981",
      "infusionMin": 40, "infusionEvidence": "V",
      "dose": {"mgPerKg": 0.5},
      "schedule": [{"sessions": 4, "perWeek": 2, "evidence": "V", "source": "4 infusions over 2 weeks [V]"}],
      "defaultWeekdays": ["mon", "thu"],
      "therapy": {"name": "CBT", "count": 12, "overWeeks": 10, "durationMin": 60, "evidence": "V", "source": "12 CBT sessions over 10 weeks (Wilkinson 2017) [wilkinson-2017] [V]; 60 min length derived"},
      "time": "09:00", "windowMin": 90, "observationMin": 60,
      "windowSource": "IV dosing session ~90 min [derived]; observation >= 60 min [derived]"
    },
    {
      "id": "esketamine-label",
      "title": "Esketamine nasal spray per label: twice weekly weeks 1-4, weekly weeks 5-8, then every 2 weeks",
      "source": "Esketamine (Spravato) label, TRD (HK/MIMS extract; spravatohcp.com; RxList) [spravato-hk-label; esketamine-us-label-2019]", "evidence": "V",
      "notes": ["day 1: 56 mg; from 65 y 28 mg under the EU/HK SmPC, 56 mg under the US label; then 56 or 84 mg (>= 65 y EU: 28/56/84) [V]",
                "28 mg per device, 5 min rest between devices [V]; change only in 28 mg steps [V]",
                "judge benefit at the end of induction (week 4) [V]; weeks 9+: weekly or every 2 weeks [V]",
                ">= 2 h on site, BP before dosing and ~40 min after, no driving until next day [V]"],
      "route": "in", "analyte": "S-ketamine", "profile": "perez-ruixo-2021",
      "dose": {"mg": 56}, "doseAge65": {"mg": 28}, "doseAge65Labels": ["eu"],
      "doseAge65Source": "28 mg day-1 start from 65 y is the EU/HK SmPC [spravato-hk-label; spravato-eu-smpc]; the US label starts at 56 mg at any adult age [esketamine-us-label-2019]; --label us|eu chooses",
      "escalation": {"trigger": "no-response", "max": {"mg": 84}, "evidence": "V", "source": "56 or 84 mg, 28 mg steps, by efficacy and tolerability (label) [esketamine-us-label-2019] [V]"},
      "schedule": [
        {"sessions": 8, "perWeek": 2, "label": "induction", "evidence": "V", "source": "weeks 1-4 twice weekly [V]"},
        {"sessions": 4, "perWeek": 1, "label": "optimisation", "evidence": "V", "source": "weeks 5-8 weekly [V]"},
        {"sessions": 4, "everyWeeks": 2, "label": "maintenance", "evidence": "V", "source": "weeks 9+ weekly or every 2 weeks [V]; 4 sessions shown (course endpoint derived)"}
      ],
      "reviewAfterSessions": 8, "reviewSource": "judge benefit at the end of the 4-week induction (label) [esketamine-us-label-2019] [V]",
      "defaultWeekdays": ["mon", "thu"],
      "time": "09:00", "windowMin": 120, "observationMin": 0, "minOnSiteMin": 120,
      "windowSource": ">= 2 h on site after dosing, then a stability check before discharge (label) [esketamine-us-label-2019] [V]: the 120 min window is that observation, counted once from dosing"
    },
    {
      "id": "im-kap",
      "title": "IM KAP: 3 weekly sessions, tiered escalation to <= 0.75 mg/kg, optional 20-40 mg top-up at 12 min",
      "source": "Open-label IM KAP feasibility study in TRD, n=30 (Blossom trial record; authors not shown) [im-kap-feasibility-trial]", "evidence": "V",
      "notes": ["weight-banded, usually <= 0.75 mg/kg, plus optional 20-40 mg top-up 12 min after the first dose [V]",
                "3 sessions weekly; 2 h preparation and 2 h integration sessions [V]",
                "start at 0.5 mg/kg and 0.25 mg/kg steps are derived (weight bands not readable)"],
      "route": "im", "analyte": "racemic", "profile": "clements-1981",
      "dose": {"mgPerKg": 0.5}, "doseEvidence": "derived",
      "escalation": {"trigger": "no-response", "max": {"mgPerKg": 0.75}, "evidence": "V", "source": "usually <= 0.75 mg/kg (IM feasibility study) [im-kap-feasibility-trial] [V]; repeat at a higher dose when there is no response (Andrade 2017) [andrade-2017] [V]"},
      "topUp": {"minMg": 20, "maxMg": 40, "atMin": 12, "evidence": "V", "source": "optional 20-40 mg IM top-up 12 min after the first dose (IM feasibility study) [im-kap-feasibility-trial] [V]"},
      "schedule": [{"sessions": 3, "perWeek": 1, "evidence": "V", "source": "3 sessions, weekly [V]"}],
      "defaultWeekdays": ["tue"],
      "preparation": {"count": 1, "durationMin": 120, "evidence": "V", "source": "2 h preparation session [V]"},
      "integration": {"afterDays": 1, "durationMin": 120, "evidence": "V", "source": "2 h integration sessions [V]; the day after dosing derived"},
      "time": "10:00", "windowMin": 120, "observationMin": 60,
      "windowSource": "IM/SL dosing session 120 min (template default) [derived]"
    },
    {
      "id": "sl-lozenge",
      "title": "Sublingual RDT/lozenge titration within 100-400 mg, weekly supervised sessions",
      "source": "CTP at-home lozenge method (Wolfson / Ketamine Training Center letter) [wolfson-ctp-lozenge]; Hull et al. 2022, J Affect Disord (4 sessions over 4 weeks) [hull-2022]", "evidence": "V",
      "notes": ["100-400 mg, tablets of 50 and 100 mg; titrated within the range [V, partial]", "4 sessions over 4 weeks (Hull 2022) [hull-2022] [V]", "Dore 2019 per-route doses not readable [dore-2019] [U]; 50 mg steps derived"],
      "route": "sl", "analyte": "racemic", "profile": "clements-1981",
      "dose": {"mg": 100},
      "escalation": {"trigger": "no-response", "max": {"mg": 400}, "evidence": "V", "source": "titrated within 100-400 mg (CTP) [wolfson-ctp-lozenge] [V, partial]"},
      "schedule": [{"sessions": 4, "perWeek": 1, "evidence": "V", "source": "4 sessions over 4 weeks (Hull 2022) [hull-2022] [V]"}],
      "defaultWeekdays": ["wed"],
      "preparation": {"count": 1, "durationMin": 90, "evidence": "S", "source": "preparation before the first session (three-stage KAP method: preparation, session, integration [krupitsky-2002]) [S]; length derived"},
      "integration": {"afterDays": 1, "durationMin": 60, "evidence": "S", "source": "integration after each session [S]; timing and length derived"},
      "setting": "clinic",
      "time": "10:00", "windowMin": 120, "observationMin": 60,
      "windowSource": "CTP sessions '2.5 hours or more' [wolfson-ctp-kap] [V]; 120 min window template default [derived]"
    },
    {
      "id": "al-shirawi-2017",
      "title": "Oral ketamine titration: start 50 mg, +25 mg every 3 days by recorded response and tolerability",
      "source": "Al Shirawi et al. 2017, J Clin Psychopharmacol (oral, TRD, n=22) [al-shirawi-2017]", "evidence": "V",
      "notes": ["start 50 mg, +25 mg every 3 days by response and tolerability [V]", "the dose steps up only after a recorded response (--response N:none or N:partial); without one it is held", "course is ongoing; 8 doses shown (course endpoint derived)"],
      "route": "po", "analyte": "racemic", "profile": "clements-1981",
      "dose": {"mg": 50},
      "escalation": {"trigger": "no-response", "max": {"mg": 300}, "evidence": "V", "source": "+25 mg every 3 days according to response and tolerability (Al Shirawi 2017) [al-shirawi-2017] [V]: a step needs a recorded response short of good and tolerated; ceiling 300 mg (Andrade 2019) [andrade-2019] [V]"},
      "schedule": [{"sessions": 8, "everyDays": 3, "evidence": "V", "source": "every 3 days [V]"}],
      "defaultWeekdays": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
      "time": "09:00", "windowMin": 120, "observationMin": 60,
      "windowSource": "PO Tmax ~1 h [V]; window derived"
    },
    {
      "id": "krupitsky-2002",
      "title": "Ketamine psychedelic therapy: one IM 2.0 mg/kg session with preparation and integration",
      "source": "Krupitsky et al. 2002, J Subst Abuse Treat 23(4):273-283 [krupitsky-2002]", "evidence": "V",
      "notes": ["2.0 mg/kg IM psychedelic vs 0.2 mg/kg active placebo [V] (not 2.5 vs 0.25)", "preparation, drug session, integration psychotherapy [V]"],
      "route": "im", "analyte": "racemic", "profile": "clements-1981",
      "dose": {"mgPerKg": 2.0},
      "schedule": [{"sessions": 1, "perWeek": 1, "evidence": "V", "source": "one session [V]"}],
      "defaultWeekdays": ["mon", "tue", "wed", "thu", "fri"],
      "preparation": {"count": 1, "durationMin": 120, "evidence": "V", "source": "preparation before the drug session [V]; length derived"},
      "integration": {"afterDays": 1, "durationMin": 90, "evidence": "V", "source": "integration psychotherapy after the session [V]; timing and length derived"},
      "time": "10:00", "windowMin": 120, "observationMin": 120,
      "windowSource": "1.5-2 h per session (Krupitsky 2007, Blossom trial record) [krupitsky-2007] [V]"
    },
    {
      "id": "krupitsky-2007",
      "title": "Ketamine psychedelic therapy: IM 2.0 mg/kg, 3 monthly sessions",
      "source": "Krupitsky et al. 2007, J Psychoactive Drugs 39(1):13-19 [krupitsky-2007]", "evidence": "V",
      "notes": ["2.0 mg/kg IM, 3 sessions monthly vs 1 [V]; 1.5-2 h per session [V]"],
      "route": "im", "analyte": "racemic", "profile": "clements-1981",
      "dose": {"mgPerKg": 2.0},
      "schedule": [{"sessions": 3, "everyWeeks": 4, "evidence": "V", "source": "monthly (every 4 weeks shown) [V]"}],
      "defaultWeekdays": ["mon", "tue", "wed", "thu", "fri"],
      "preparation": {"count": 1, "durationMin": 120, "evidence": "V", "source": "preparation (Krupitsky three-stage method) [krupitsky-2002] [V]; length derived"},
      "integration": {"afterDays": 1, "durationMin": 90, "evidence": "V", "source": "integration psychotherapy [V]; timing and length derived"},
      "time": "10:00", "windowMin": 120, "observationMin": 120,
      "windowSource": "1.5-2 h per session (Blossom trial record) [krupitsky-2007] [V]"
    }
  ]
}
"""####,
        "racemic-adult-2026.profile.json": ####"""
{
  "name": "racemic-adult-2026",
  "title": "Racemic ketamine, adult route set re-derived from primary adult data (Clements 250 ug/kg disposition)",
  "analyte": "racemic",
  "drug": "racemic ketamine",
  "population": "adults: disposition from volunteers 0.25 mg/kg IV (UNCONFIRMED); routes from adult studies (IM emergency patients, IN volunteers with IV arm, PO/SL neuropathic-pain inpatients); rectal absorption from children",
  "citation": "Disposition: Clements JA, Nimmo WS. Br J Anaesth 1981;53:27 [clements-1981] (via opentiva, UNCONFIRMED); routes and norketamine fitted in Profiles/derivations/racemic-adult-2026.json to [pharmacotherapy-2022; chong-2006; im-analgesia-1984]",
  "sampling": "venous (UNCONFIRMED)",
  "notes": [
    "Same disposition as clements-1981 (V1, K10, K12, K21 unchanged) so that route parameters are compared on one disposition; only the route set and norketamine disposition are re-derived.",
    "Each fitted parameter comes from a weighted least-squares fit (Levenberg-Marquardt, log parameters, weights 1/SD^2 of the log figure from the published spread) on the exact model; Profiles/derivations/racemic-adult-2026.json lists the published means used, their spread and source, and the fitted values with standard errors; a test re-runs every fit. Figures used in a fit are marked fitted in validation.json and do not count in the per-route GMFE.",
    "IN: the adult IN study with its own IV arm gives F 0.17/0.13/0.11 at 10/30/50 mg [pharmacotherapy-2022 Table 6]; Yanagihara 2003 gave 0.45 in 3 volunteers [yanagihara-2003] and Malinovsky 1996 0.50 in children [malinovsky-1996]. The adult study with the IV arm is used; the others are recorded here, not averaged. Its norketamine/ketamine AUC ratio (~4 after IN vs 0.19 after IV) needs a swallowed fraction with first pass: FS_IN is fitted with the nasal fraction FN_IN. F falls with dose in that study; a linear model fits the middle.",
    "IN early peak: the published IN Cmax/AUC ratio (~1.2 /h) is above what this disposition gives even for an IV bolus (C0/AUC ~0.65 /h at 70 kg [calc]); with V1 1.75 L/kg the fit under-predicts IN Cmax and over-predicts IN AUC. A small-V1 2-compartment fit (V1 ~15 L, Q ~350 L/h, with CL 79 L/h and V 252 L from Kamp 2020 [kamp-2020]) matches the IV and IN early peaks but moves IM/PO/SL Tmax to under 10 min, against 15-60 min observed, so it is not used here (see Profiles/README.md).",
    "IM: F_IM 0.93 is second-hand (UNCONFIRMED) [clements-1982]; children gave 0.41 [hornik-2018]. KA_IM is fitted to adult emergency patients (median Cmax 147 ng/mL at 30 min after 0.5 mg/kg [im-analgesia-1984]), not to the review figure of 5-15 min.",
    "PO and SL: F, KA and first-pass norketamine fitted to Chong 2006 (25 mg, 6 inpatients) [chong-2006]. Disagreements: SL F 0.29 in 8 healthy men (wafer, Rolan 2014 [rolan-2014]) and 0.24 median (lozenge, Chong 2009 [chong-2009]); oral F 0.20 (Yanagihara 2003, n = 3 [yanagihara-2003]) and 0.24 median [chong-2009]; the Chong 2006 fit gives 0.40 (SL) and 0.31 (PO) because its AUC0-8h is read against this disposition, not against their IV arm.",
    "Norketamine: racemic norketamine volume and clearance fitted to the IV norketamine figures of Chong 2006 [chong-2006]; the peripheral part (QM, VMP) stays the Otto 2021 S-norketamine set [otto-2021] (assumption). Kamp 2020 BJA [kamp-2020b] has a racemic metabolite model; its parameters were not reached.",
    "PR: no adult rectal concentration data were found: F from 3 adult volunteers [yanagihara-2003], absorption from children [malinovsky-1996], first pass assumed as SL; the route is unvalidated.",
    "Amounts are parent-equivalent mg; norketamine concentration is converted with MW 223.70/237.73.",
    "ke0 from Olofsen 2012 (S-ketamine) [olofsen-2012], as in clements-1981."
  ],
  "parameters": [
    {
      "name": "V1",
      "value": 1.7522,
      "unit": "L/kg",
      "source": "Clements & Nimmo 1981 ('250 ug/kg' set) as coded in opentiva ketamine.py [clements-1981]",
      "unconfirmed": true,
      "note": "central volume per kg of body weight"
    },
    {
      "name": "K10",
      "value": 0.0109,
      "unit": "1/min",
      "source": "Clements & Nimmo 1981 ('250 ug/kg' set) as coded in opentiva ketamine.py [clements-1981]",
      "unconfirmed": true
    },
    {
      "name": "K12",
      "value": 0.0186,
      "unit": "1/min",
      "source": "Clements & Nimmo 1981 ('250 ug/kg' set) as coded in opentiva ketamine.py [clements-1981]",
      "unconfirmed": true
    },
    {
      "name": "K21",
      "value": 0.0137,
      "unit": "1/min",
      "source": "Clements & Nimmo 1981 ('250 ug/kg' set) as coded in opentiva ketamine.py [clements-1981]",
      "unconfirmed": true
    },
    {
      "name": "FM",
      "value": 0.8,
      "unit": "fraction",
      "source": "Simons 2022 [simons-2022a]: 80% of metabolised S-ketamine fixed to form S-norketamine; assumed for racemic ketamine",
      "unconfirmed": true
    },
    {
      "name": "VM",
      "value": 25.98,
      "unit": "L",
      "source": "[calc] fitted by least squares (Profiles/derivations/racemic-adult-2026.json, fit \"norketamine\") to the IV 10 mg norketamine Cmax, Tmax and AUC0-8h of Chong 2006 [chong-2006]",
      "calc": true,
      "note": "racemic norketamine central volume at 70 kg; replaces the borrowed S-norketamine value (98.6 L, Otto 2021 [otto-2021])"
    },
    {
      "name": "CLM",
      "value": 30.46,
      "unit": "L/h",
      "source": "[calc] fitted by least squares (Profiles/derivations/racemic-adult-2026.json, fit \"norketamine\") to the IV 10 mg norketamine Cmax, Tmax and AUC0-8h of Chong 2006 [chong-2006]",
      "calc": true,
      "note": "racemic norketamine clearance at 70 kg; replaces the borrowed S-norketamine value (57.7 L/h, Otto 2021 [otto-2021])"
    },
    {
      "name": "QM",
      "value": 42.8,
      "unit": "L/h",
      "source": "Otto 2021 [otto-2021 Table 3], 70 kg; assumed for racemic norketamine",
      "unconfirmed": true
    },
    {
      "name": "VMP",
      "value": 160,
      "unit": "L",
      "source": "Otto 2021 [otto-2021 Table 3], 70 kg; assumed for racemic norketamine",
      "unconfirmed": true
    },
    {
      "name": "T12KE0",
      "value": 6.1,
      "unit": "min",
      "source": "Olofsen 2012 [olofsen-2012]: mean t1/2ke0 across endpoints, S-ketamine; assumed for racemic"
    },
    {
      "name": "F_IM",
      "value": 0.93,
      "unit": "fraction",
      "source": "Clements 1982 J Pharm Sci via secondary pages [clements-1982]: primary not retrieved",
      "unconfirmed": true
    },
    {
      "name": "KA_IM",
      "value": 3.066,
      "unit": "1/h",
      "source": "[calc] fitted by least squares (Profiles/derivations/racemic-adult-2026.json, fit \"im\") to the median Cmax (147 ng/mL) and its time (30 min) after 0.5 mg/kg IM in adult emergency patients [im-analgesia-1984] (F_IM fixed)",
      "calc": true
    },
    {
      "name": "LAG_IM",
      "value": 0,
      "unit": "h",
      "source": "no published ketamine model uses a true lag (delays are modelled as zero-order input or transit compartments [perez-ruixo-2021; simons-2022a])"
    },
    {
      "name": "FN_IN",
      "value": 0.1855,
      "unit": "fraction",
      "source": "[calc] fitted by least squares (Profiles/derivations/racemic-adult-2026.json, fit \"in\") to parent Cmax, Tmax and AUC after 10/30/50 mg IN and norketamine Cmax after 30/50 mg IN, adults with their own IV arm [pharmacotherapy-2022 Table 6]",
      "calc": true,
      "note": "fraction of an IN dose absorbed through the nasal mucosa"
    },
    {
      "name": "FS_IN",
      "value": 0.3157,
      "unit": "fraction",
      "source": "[calc] fitted by least squares (Profiles/derivations/racemic-adult-2026.json, fit \"in\") to parent Cmax, Tmax and AUC after 10/30/50 mg IN and norketamine Cmax after 30/50 mg IN, adults with their own IV arm [pharmacotherapy-2022 Table 6]",
      "calc": true,
      "note": "fraction of an IN dose swallowed; it then follows the oral route (F_PO to the circulation, FP_PO to norketamine by first pass); the rest (1 - FN_IN - FS_IN) is lost (drip, device)"
    },
    {
      "name": "KA_IN",
      "value": 11.77,
      "unit": "1/h",
      "source": "[calc] fitted by least squares (Profiles/derivations/racemic-adult-2026.json, fit \"in\") to parent Cmax, Tmax and AUC after 10/30/50 mg IN and norketamine Cmax after 30/50 mg IN, adults with their own IV arm [pharmacotherapy-2022 Table 6]",
      "calc": true
    },
    {
      "name": "LAG_IN",
      "value": 0,
      "unit": "h",
      "source": "no published ketamine model uses a true lag (delays are modelled as zero-order input or transit compartments [perez-ruixo-2021; simons-2022a])"
    },
    {
      "name": "F_PO",
      "value": 0.3045,
      "unit": "fraction",
      "source": "[calc] fitted by least squares (Profiles/derivations/racemic-adult-2026.json, fit \"po\") to parent Cmax, Tmax, AUC0-8h and norketamine Cmax, AUC0-8h after 25 mg oral, Chong 2006 [chong-2006] (n = 6 inpatients)",
      "calc": true
    },
    {
      "name": "KA_PO",
      "value": 1.157,
      "unit": "1/h",
      "source": "[calc] fitted by least squares (Profiles/derivations/racemic-adult-2026.json, fit \"po\") to parent Cmax, Tmax, AUC0-8h and norketamine Cmax, AUC0-8h after 25 mg oral, Chong 2006 [chong-2006] (n = 6 inpatients)",
      "calc": true
    },
    {
      "name": "LAG_PO",
      "value": 0,
      "unit": "h",
      "source": "no published ketamine model uses a true lag (delays are modelled as zero-order input or transit compartments [perez-ruixo-2021; simons-2022a])"
    },
    {
      "name": "FP_PO",
      "value": 0.3595,
      "unit": "fraction",
      "source": "[calc] fitted by least squares (Profiles/derivations/racemic-adult-2026.json, fit \"po\") to parent Cmax, Tmax, AUC0-8h and norketamine Cmax, AUC0-8h after 25 mg oral, Chong 2006 [chong-2006] (n = 6 inpatients)",
      "calc": true,
      "note": "part of the dose reaching the circulation as norketamine (first pass), parent-equivalent"
    },
    {
      "name": "F_SL",
      "value": 0.3887,
      "unit": "fraction",
      "source": "[calc] fitted by least squares (Profiles/derivations/racemic-adult-2026.json, fit \"sl\") to parent Cmax, Tmax, AUC0-8h and norketamine Cmax, AUC0-8h after 25 mg sublingual, Chong 2006 [chong-2006] (n = 6 inpatients)",
      "calc": true
    },
    {
      "name": "KA_SL",
      "value": 1.454,
      "unit": "1/h",
      "source": "[calc] fitted by least squares (Profiles/derivations/racemic-adult-2026.json, fit \"sl\") to parent Cmax, Tmax, AUC0-8h and norketamine Cmax, AUC0-8h after 25 mg sublingual, Chong 2006 [chong-2006] (n = 6 inpatients)",
      "calc": true
    },
    {
      "name": "LAG_SL",
      "value": 0,
      "unit": "h",
      "source": "no published ketamine model uses a true lag (delays are modelled as zero-order input or transit compartments [perez-ruixo-2021; simons-2022a])"
    },
    {
      "name": "FP_SL",
      "value": 0.2177,
      "unit": "fraction",
      "source": "[calc] fitted by least squares (Profiles/derivations/racemic-adult-2026.json, fit \"sl\") to parent Cmax, Tmax, AUC0-8h and norketamine Cmax, AUC0-8h after 25 mg sublingual, Chong 2006 [chong-2006] (n = 6 inpatients)",
      "calc": true,
      "note": "part of the dose reaching the circulation as norketamine (swallowed share, first pass), parent-equivalent"
    },
    {
      "name": "F_PR",
      "value": 0.3,
      "unit": "fraction",
      "source": "Yanagihara 2003 [yanagihara-2003]: suppository ~30%, 3 adult volunteers (abstract); children 9 mg/kg gave 0.25 [malinovsky-1996]"
    },
    {
      "name": "KA_PR",
      "value": 1.601,
      "unit": "1/h",
      "source": "[calc] fitted by least squares (Profiles/derivations/racemic-adult-2026.json, fit \"pr\") to Tmax 42 min after 9 mg/kg rectal in children 2-9 y [malinovsky-1996] (paediatric; no adult rectal Tmax found)",
      "calc": true
    },
    {
      "name": "LAG_PR",
      "value": 0,
      "unit": "h",
      "source": "no published ketamine model uses a true lag (delays are modelled as zero-order input or transit compartments [perez-ruixo-2021; simons-2022a])"
    },
    {
      "name": "FP_PR",
      "value": 0.22,
      "unit": "fraction",
      "source": "assumed equal to FP_SL: Yanagihara 2003 [yanagihara-2003] found suppository and sublingual profiles almost alike, with norketamine appearing fast (also Malinovsky 1996 [malinovsky-1996], children); no rectal norketamine figure was used (UNCONFIRMED)",
      "unconfirmed": true,
      "note": "UNCONFIRMED assumption"
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
      "name": "depot.pr.firstpass"
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
      "from": "depot.pr.firstpass",
      "to": "metabolite",
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
      "source": "F: Clements 1982 via secondary pages [clements-1982] (UNCONFIRMED); KA fitted to adult emergency patients [im-analgesia-1984]"
    },
    "in": {
      "inputs": [
        {
          "compartment": "depot.in",
          "fraction": "FN_IN",
          "lag": "LAG_IN"
        },
        {
          "compartment": "depot.po",
          "fraction": "FS_IN*F_PO",
          "lag": "LAG_IN"
        },
        {
          "compartment": "depot.po.firstpass",
          "fraction": "FS_IN*FP_PO",
          "lag": "LAG_IN"
        }
      ],
      "source": "nasal fraction and swallowed fraction (then oral first pass) fitted to adults with their own IV arm [pharmacotherapy-2022 Table 6]"
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
      "source": "F, KA and first-pass norketamine fitted to Chong 2006 [chong-2006]"
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
      "source": "F, KA and first-pass norketamine fitted to Chong 2006 [chong-2006]"
    },
    "pr": {
      "inputs": [
        {
          "compartment": "depot.pr",
          "fraction": "F_PR",
          "lag": "LAG_PR"
        },
        {
          "compartment": "depot.pr.firstpass",
          "fraction": "FP_PR",
          "lag": "LAG_PR"
        }
      ],
      "source": "F from 3 adults [yanagihara-2003]; absorption from children [malinovsky-1996]; first pass assumed as SL (UNCONFIRMED)"
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
      "source": "allometric scaling of the norketamine set (assumption; Otto 2021 [otto-2021] scaled S-ketamine CL by WT^0.75, V by WT)",
      "unconfirmed": true
    },
    {
      "parameter": "QM",
      "covariate": "WT",
      "kind": "power",
      "exponent": 0.75,
      "source": "allometric scaling of the norketamine set (assumption; Otto 2021 [otto-2021] scaled S-ketamine CL by WT^0.75, V by WT)",
      "unconfirmed": true
    },
    {
      "parameter": "VM",
      "covariate": "WT",
      "kind": "power",
      "exponent": 1,
      "source": "allometric scaling of the norketamine set (assumption; Otto 2021 [otto-2021] scaled S-ketamine CL by WT^0.75, V by WT)",
      "unconfirmed": true
    },
    {
      "parameter": "VMP",
      "covariate": "WT",
      "kind": "power",
      "exponent": 1,
      "source": "allometric scaling of the norketamine set (assumption; Otto 2021 [otto-2021] scaled S-ketamine CL by WT^0.75, V by WT)",
      "unconfirmed": true
    }
  ],
  "variability": [],
  "residualError": []
}
"""####,
        "references.json": ####"""
{
  "al-shirawi-2017": {
    "authors": "Al Shirawi MI, Kennedy SH, Ho KT, Byrne R, Downar J",
    "journal": "J Clin Psychopharmacol",
    "note": "First page of the article read (scribd copy).",
    "read": "abstract",
    "title": "Oral ketamine in treatment-resistant depression: a clinical effectiveness case series",
    "year": "2017"
  },
  "andrade-2017": {
    "authors": "Andrade C",
    "issue": "7",
    "journal": "J Clin Psychiatry",
    "note": "Opening part of the article page read.",
    "pages": "e852",
    "read": "abstract",
    "title": "Ketamine for depression, 4: in what dose, at what rate, by what route, for how long, and at what frequency?",
    "url": "https://www.psychiatrist.com/JCP/article/Pages/2017/v78n07/17f11738.aspx",
    "volume": "78",
    "year": "2017"
  },
  "andrade-2019": {
    "authors": "Andrade C",
    "journal": "J Clin Psychiatry",
    "read": "abstract",
    "title": "Oral ketamine for depression, 2: practical considerations",
    "url": "https://www.psychiatrist.com/jcp/depression/oral-ketamine-for-depression-practical-considerations",
    "year": "2019"
  },
  "askp-basics": {
    "authors": "ASKP3",
    "read": "secondary",
    "title": "[ASKP basics: infusion dosing text on a member practice page]",
    "where": "a member practice page (paswfl.com, post of 25 Jun 2018)",
    "year": "n.d."
  },
  "askp3-routes": {
    "authors": "Thomas K (ASKP3)",
    "note": "Table 1; the oral row was cut off in the copy read, and row labels were inferred from the table's order and F values.",
    "publisher": "ASKP3",
    "read": "full-text",
    "title": "Routes of administration (ROA)",
    "url": "https://askp.org/patients/routes-of-administration-roa",
    "year": "n.d."
  },
  "brunette-2011": {
    "authors": "Brunette KEJ, Anderson BJ, Thomas J, Wiesner L, Herd DW, Schulein S",
    "doi": "10.1111/j.1460-9592.2011.03548.x",
    "issue": "6",
    "journal": "Paediatr Anaesth",
    "pages": "653-662",
    "read": "abstract",
    "title": "Exploring the pharmacokinetics of oral ketamine in children undergoing burns procedures",
    "volume": "21",
    "year": "2011"
  },
  "chong-2006": {
    "authors": "Chong et al.",
    "issue": "5",
    "journal": "Pain Med",
    "note": "Abstract as quoted on ketamine.com; the full paper (Chong 2009) was not read.",
    "pages": "469",
    "read": "abstract",
    "title": "[Sublingual and oral racemic ketamine in neuropathic pain inpatients; meeting abstract, title not recorded]",
    "url": "https://ketamine.com/bioavailability.html",
    "volume": "7",
    "year": "2006"
  },
  "chong-2009": {
    "authors": "Chong C, Schug SA, Page-Sharp M, Jenkins B, Ilett KF",
    "year": "2009",
    "title": "Development of a sublingual/oral formulation of ketamine for use in neuropathic pain: preliminary findings from a three-way randomized, crossover study",
    "url": "https://research-repository.uwa.edu.au/en/publications/development-of-a-sublingualoral-formulation-of-ketamine-for-use-i",
    "journal": "Clin Drug Investig",
    "volume": "29",
    "issue": "5",
    "read": "abstract",
    "note": "Abstract (UWA repository record): 25 mg lozenge in 6 neuropathic-pain patients; oral and SL F median 24% (IQR 17-27 and 19-49%); norketamine/ketamine AUC0-8h ratio 5 (oral) and 2.1 (SL). Journal, volume and issue from PMID 19366273 and doi 10.2165/00044011-200929050-00004 (the DOI prefix is Clin Drug Investig), seen second-hand in December 2026: UNCONFIRMED; pages not confirmed."
  },
  "clements-1981": {
    "authors": "Clements JA, Nimmo WS",
    "doi": "10.1093/bja/53.1.27",
    "journal": "Br J Anaesth",
    "note": "Parameters seen only in opentiva code, not checked against the paper; DOI as given in opentiva.",
    "pages": "27",
    "read": "transcription",
    "title": "[Ketamine pharmacokinetics in volunteers, '250 ug/kg' set; title not recorded]",
    "volume": "53",
    "where": "opentiva ketamine.py (class Clements250)",
    "year": "1981"
  },
  "clements-1982": {
    "authors": "Clements et al.",
    "journal": "J Pharm Sci",
    "note": "Primary paper not retrieved.",
    "read": "secondary",
    "title": "[Ketamine bioavailability by route; title not recorded]",
    "where": "route summaries on primidi.com/ketamine/pharmacokinetics and hendrickstherapy.com/bioavailability",
    "year": "1982"
  },
  "dakwar-2020": {
    "authors": "Dakwar E, et al.",
    "doi": "10.1176/appi.ajp.2019.19070684",
    "journal": "Am J Psychiatry",
    "note": "Dosing details also from the trial record on moreblossom.com.",
    "read": "abstract",
    "title": "A single ketamine infusion combined with motivational enhancement therapy for alcohol use disorder: a randomized midazolam-controlled pilot trial",
    "year": "2020"
  },
  "domino-1982": {
    "authors": "Domino EF, et al.",
    "journal": "Anesth Analg",
    "note": "PMID 7198883. Parameters seen only in TCI code, not checked against the paper.",
    "read": "transcription",
    "title": "[Racemic ketamine three-compartment set in surgical patients; title not recorded]",
    "url": "https://pubmed.ncbi.nlm.nih.gov/7198883/",
    "where": "opentiva ketamine.py (class Domino) and fus_anes TCI_Ketamine",
    "year": "1982"
  },
  "dore-2019": {
    "authors": "Dore et al.",
    "issue": "2",
    "journal": "J Psychoactive Drugs",
    "note": "Methods section not readable past the abstract.",
    "pages": "189-198",
    "read": "abstract",
    "title": "[Ketamine-assisted psychotherapy in 235 patients at three practices; title not recorded]",
    "volume": "51",
    "year": "2019"
  },
  "esketamine-us-label-2019": {
    "authors": "Janssen Pharmaceuticals",
    "note": "Read in a mirror copy (120ty.net, pages 3, 5, 15 and 21) and in extracts: spravatohcp.com dosing page, RxList, MPR-style monographs, prescriberpoint, the usmedicine.com brief summary and the mdedge Current Psychiatry summary.",
    "read": "label",
    "title": "SPRAVATO (esketamine) nasal spray: US prescribing information",
    "year": "2019"
  },
  "esketintrd1009-record": {
    "authors": "[sponsor not recorded]",
    "note": "Trial registry record read in a third-party copy.",
    "read": "full-text",
    "title": "[Clinical trial record NCT02343289 (ESKETINTRD1009): esketamine 28 mg IV over 40 min, 84 mg oral, 84 mg nasal, n = 18]",
    "url": "https://crick.ai/trials/NCT02343289",
    "year": "n.d."
  },
  "fanta-2015": {
    "authors": "Fanta S, Kinnunen M, Backman JT, Kalso E",
    "doi": "10.1007/s00228-015-1826-y",
    "issue": "4",
    "journal": "Eur J Clin Pharmacol",
    "pages": "441-447",
    "read": "abstract",
    "title": "Population pharmacokinetics of S-ketamine and norketamine in healthy volunteers after intravenous and oral dosing",
    "volume": "71",
    "year": "2015"
  },
  "fda-2023-compounded-ketamine": {
    "authors": "US Food and Drug Administration",
    "read": "secondary",
    "title": "[Warning of 10 Oct 2023 on compounded ketamine, including oral forms, for psychiatric use]",
    "where": "copies on simhcottumwa.org and lexichronic.com; HealthDay summary",
    "year": "2023"
  },
  "fpnotebook-intranasal": {
    "authors": "Moses S (FPnotebook)",
    "note": "A clinical reference summary, not a primary study: 'Maximal amount that may be absorbed intranasally is 0.3 ml'; the mucosal atomization device (MAD) has 0.1 ml dead space. Used as the per-nostril volume of the intranasal ceiling, marked UNCONFIRMED.",
    "read": "secondary",
    "title": "Intranasal Drug Delivery Route",
    "url": "https://fpnotebook.com/mobile/ER/Pharm/IntrnslDrgDlvryRt.htm",
    "where": "FPnotebook clinical reference page (emergency medicine, pharmacology), read on the web; no primary source named there",
    "year": "n.d."
  },
  "grabski-2022": {
    "authors": "Grabski M, McAndrew A, Lawn W, et al.",
    "doi": "10.1176/appi.ajp.2021.21030277",
    "journal": "Am J Psychiatry",
    "read": "secondary",
    "title": "Adjunctive ketamine with relapse prevention-based psychological therapy in the treatment of alcohol use disorder",
    "where": "Blossom paper summary (moreblossom.com)",
    "year": "2022"
  },
  "grant-1981": {
    "authors": "Grant et al.",
    "journal": "Br J Anaesth",
    "pages": "805",
    "read": "secondary",
    "title": "[Intramuscular and oral ketamine pharmacokinetics; title not recorded]",
    "volume": "53",
    "where": "Zanos 2018, Table 1 [zanos-2018]",
    "year": "1981"
  },
  "green-2011": {
    "authors": "Green SM, Roback MG, Kennedy RM, Krauss B",
    "doi": "10.1016/j.annemergmed.2010.11.030",
    "issue": "5",
    "journal": "Ann Emerg Med",
    "pages": "449-461",
    "read": "secondary",
    "title": "Clinical practice guideline for emergency department ketamine dissociative sedation: 2011 update",
    "volume": "57",
    "where": "abstract and introduction read (docslib.org, fdocuments copies); the dosing (4-5 mg/kg IM, 1.5-2 mg/kg IV over 30-60 s) read in secondary summaries (droracle.ai pages citing the guideline)",
    "year": "2011"
  },
  "guangzhou-bp-cohort": {
    "authors": "[authors not shown in the summary]",
    "note": "Abstract on Physician's Weekly; journal and authors believed to be Zheng et al. 2019, J Psychopharmacol (UNCONFIRMED).",
    "read": "abstract",
    "title": "Cardiovascular effects of repeated subanaesthetic ketamine infusion in depression",
    "url": "https://www.physiciansweekly.com/cardiovascular-effects-of-repeated-subanaesthetic-ketamine-infusion-in-depression/",
    "year": "n.d."
  },
  "henthorn-2018": {
    "authors": "Henthorn TK, Avram MJ, Dahan A, Gustafsson LL, Persson J, Krejcie TC, Olofsen E",
    "issue": "2",
    "journal": "Anesthesiology",
    "pages": "260",
    "read": "abstract",
    "title": "Combined recirculatory-compartmental population pharmacokinetic modeling of arterial and venous plasma S(+) and R(-) ketamine concentrations",
    "volume": "129",
    "year": "2018"
  },
  "herd-2007": {
    "authors": "Herd DW, Anderson BJ",
    "doi": "10.1111/j.1460-9592.2006.02145.x",
    "issue": "7",
    "journal": "Paediatr Anaesth",
    "pages": "622-629",
    "read": "abstract",
    "title": "Ketamine disposition in children presenting for procedural sedation and analgesia in a children's emergency department",
    "volume": "17",
    "year": "2007"
  },
  "herd-2008": {
    "authors": "Herd DW, Anderson BJ, Keene NA, Holford NH",
    "issue": "1",
    "journal": "Paediatr Anaesth",
    "pages": "36-42",
    "read": "abstract",
    "title": "Investigating the pharmacodynamics of ketamine in children",
    "url": "https://metajournal.com/articles/395076",
    "volume": "18",
    "year": "2008"
  },
  "hornik-2018": {
    "authors": "Hornik et al.",
    "doi": "10.1002/jcph.1116",
    "journal": "J Clin Pharmacol",
    "pages": "1092",
    "read": "abstract",
    "title": "Population pharmacokinetics of intramuscular and intravenous ketamine in children",
    "volume": "58",
    "year": "2018"
  },
  "hull-2022": {
    "authors": "Hull TD, Malgaroli M, Gazzaley A, et al.",
    "doi": "10.1016/j.jad.2022.07.004",
    "journal": "J Affect Disord",
    "pages": "59-67",
    "read": "abstract",
    "title": "At-home, sublingual ketamine telehealth is a safe and effective treatment for moderate to severe anxiety and depression: findings from a large, prospective, open-label effectiveness trial",
    "volume": "314",
    "year": "2022"
  },
  "idvall-1979": {
    "authors": "Idvall et al.",
    "doi": "10.1093/bja/51.12.1167",
    "issue": "12",
    "journal": "Br J Anaesth",
    "pages": "1167-1173",
    "read": "abstract",
    "title": "Ketamine infusions: pharmacokinetics and clinical effects",
    "volume": "51",
    "year": "1979"
  },
  "im-analgesia-1984": {
    "authors": "[authors not recorded]",
    "year": "1984",
    "title": "[Intramuscular ketamine analgesia in emergency patients. II. Clinical study of traumatized patients] (in German)",
    "journal": "Anaesthesist",
    "volume": "33",
    "issue": "6",
    "pages": "272-275",
    "url": "https://pubmed.ncbi.nlm.nih.gov/6476334/",
    "read": "abstract",
    "note": "English abstract (PubMed 6476334): 20 trauma patients, 0.5 or 1.0 mg/kg IM; median peak 147 ng/mL at 30 min and 474 ng/mL at 15 min; no spread given."
  },
  "im-kap-feasibility-trial": {
    "authors": "[authors not shown in the record]",
    "publisher": "Blossom trial record",
    "read": "full-text",
    "title": "An open-label feasibility study of ketamine-assisted therapy in adults with treatment-resistant depression",
    "url": "https://www.moreblossom.com/trials/an-open-label-feasibility-study-of-ketamine-assisted-therapy-in-adults-with-trea",
    "year": "n.d."
  },
  "jnj-spravato-dissociation-2024": {
    "authors": "Janssen Medical Information (J&J Medical Connect)",
    "note": "Manufacturer medical-information page (updated 17 Apr 2024), read in full: dissociation starts shortly after dosing, peaks at 40 min, generally resolves by 1.5 h, attenuates with repeated dosing.",
    "publisher": "Janssen",
    "read": "full-text",
    "title": "[SPRAVATO: dissociative effects and perceptual disturbances]",
    "url": "https://www.jnjmedicalconnect.com/products/spravato/medical-content/adverse-event-of-spravato-dissociative-effectsperceptual-disturbances",
    "year": "2024"
  },
  "kamp-2020": {
    "authors": "Kamp J, Olofsen E, Henthorn TK, van Velzen M, Niesters M, Dahan A",
    "doi": "10.1097/ALN.0000000000003577",
    "issue": "6",
    "journal": "Anesthesiology",
    "pages": "1192-1213",
    "read": "abstract",
    "title": "Ketamine pharmacokinetics: a systematic review of the literature, meta-analysis, and population analysis",
    "volume": "133",
    "year": "2020",
    "note": "Abstract only (pubs.asahq.org; ouci.dntb.gov.ua): weighted mean V 252 L/70 kg (95% CI 200-304), CL 79 L/h at 70 kg (69-90); raw-data model of 14 data sets with one arterial central, two peripheral and two venous delay compartments. The full text (parameter table of the pooled model) was searched for in session 3 and not reached. One public TCI web-app source file (repository not identified) codes a 'Kamp 2020 meta-analytic 3-compartment, Table 2' set (V1 25, V2 56, V3 157 L/70 kg; CL 84, Q2 161, Q3 79 L/h at 70 kg): seen second-hand only, not checked against the paper, UNCONFIRMED, and not used by any profile."
  },
  "kamp-2020b": {
    "authors": "Kamp J, et al.",
    "year": "2020",
    "title": "Pharmacokinetics of ketamine and its major metabolites norketamine, hydroxynorketamine, and dehydronorketamine: a model-based analysis",
    "journal": "Br J Anaesth",
    "volume": "125",
    "pages": "750",
    "doi": "10.1016/j.bja.2020.06.067",
    "read": "secondary",
    "where": "reference list of Kamp 2020 Anesthesiology as indexed on ouci.dntb.gov.ua",
    "note": "Parameter values not reached (full text searched for in session 3, not found); no number of this paper is used."
  },
  "kamp-2021": {
    "authors": "Kamp J et al.",
    "issue": "1",
    "journal": "Br J Anaesth",
    "note": "Abstract copy on searchworks.staging.jioinstitute.edu.in; title not recorded; no parameter values in it.",
    "pages": "23-31",
    "read": "abstract",
    "title": "[Population PK-PD of S-ketamine, R-ketamine and their metabolites on cardiac output in healthy men]",
    "volume": "127",
    "year": "2021"
  },
  "ketalar-label": {
    "authors": "Par Pharmaceutical",
    "note": "Also read in extracts on inpharmd.com and askpharma.ai.",
    "read": "label",
    "title": "KETALAR (ketamine hydrochloride) injection: prescribing information",
    "url": "https://www.drugs.com/dosage/ketalar.html",
    "year": "n.d."
  },
  "kheirabadi-2023": {
    "authors": "KheirAbadi G, Golkar S",
    "doi": "10.5812/ijpbs-137879",
    "issue": "4",
    "journal": "Iran J Psychiatry Behav Sci",
    "pages": "e137879",
    "read": "abstract",
    "title": "High-dose versus low-dose oral ketamine on control and relapse of treatment-resistant depression: a randomized, double-blinded clinical trial",
    "volume": "17",
    "year": "2023"
  },
  "krupitsky-2002": {
    "authors": "Krupitsky E, Burakov A, Romanova T, Dunaevsky I, Strassman R, Grinenko A",
    "issue": "4",
    "journal": "J Subst Abuse Treat",
    "pages": "273-283",
    "read": "abstract",
    "title": "Ketamine psychotherapy for heroin addiction: immediate effects and two-year follow-up",
    "url": "https://open-foundation.org/?p=18465",
    "volume": "23",
    "year": "2002"
  },
  "krupitsky-2007": {
    "authors": "Krupitsky EM, Burakov AM, Dunaevsky IV, Romanova TN, Slavina TY, Grinenko AY",
    "issue": "1",
    "journal": "J Psychoactive Drugs",
    "note": "Session length from the trial record on moreblossom.com.",
    "pages": "13-19",
    "read": "abstract",
    "title": "Single versus repeated sessions of ketamine-assisted psychotherapy for people with heroin dependence",
    "volume": "39",
    "year": "2007"
  },
  "krystal-1994": {
    "authors": "Krystal et al.",
    "read": "secondary",
    "title": "[Subanaesthetic ketamine 0.1 and 0.5 mg/kg IV in healthy volunteers; title not recorded]",
    "where": "Zanos 2018, Table 1 [zanos-2018]",
    "year": "1994"
  },
  "langsjo-2005": {
    "authors": "Langsjo et al.",
    "issue": "2",
    "journal": "Anesthesiology",
    "pages": "258",
    "read": "abstract",
    "title": "S-ketamine anesthesia increases cerebral blood flow in excess of the metabolic needs in humans",
    "volume": "103",
    "year": "2005"
  },
  "lara-2013": {
    "authors": "Lara DR, Bisol LW, Munari LR",
    "doi": "10.1017/s1461145713000485",
    "issue": "9",
    "journal": "Int J Neuropsychopharmacol",
    "pages": "2111-2117",
    "read": "abstract",
    "title": "Antidepressant, mood stabilizing and procognitive effects of very low dose sublingual ketamine in refractory unipolar and bipolar depression",
    "volume": "16",
    "year": "2013"
  },
  "luckenbaugh-2014": {
    "authors": "Luckenbaugh DA et al.",
    "journal": "J Affect Disord",
    "note": "Abstract read (PMC4065787): CADSS rated at 40 min (end of the 0.5 mg/kg 40-min infusion, the peak) and 230 min.",
    "pages": "56-61",
    "read": "abstract",
    "title": "Do the dissociative side effects of ketamine mediate its antidepressant effects?",
    "url": "https://pmc.ncbi.nlm.nih.gov/articles/PMC4065787",
    "volume": "159",
    "year": "2014"
  },
  "malinovsky-1996": {
    "authors": "Malinovsky JM, Servin F, Cozian A, Lepage JY, Pinaud M",
    "doi": "10.1093/bja/77.2.203",
    "issue": "2",
    "journal": "Br J Anaesth",
    "pages": "203-207",
    "read": "abstract",
    "title": "Ketamine and norketamine plasma concentrations after i.v., nasal and rectal administration in children",
    "volume": "77",
    "year": "1996"
  },
  "mit-technology-review-ketamine": {
    "authors": "MIT Technology Review",
    "read": "secondary",
    "title": "Ketamine is easier to prescribe than ever, and the FDA is not happy about it",
    "where": "copy on topnews.media",
    "year": "n.d."
  },
  "murrough-2013": {
    "authors": "Murrough et al.",
    "issue": "4",
    "journal": "Biol Psychiatry",
    "pages": "250-256",
    "read": "abstract",
    "title": "Rapid and longer-term antidepressant effects of repeated ketamine infusions in treatment-resistant major depression",
    "volume": "74",
    "year": "2013"
  },
  "numinus-ketamine-module": {
    "authors": "Numinus",
    "read": "full-text",
    "title": "[Ketamine training module 2: effects of ketamine]",
    "url": "https://numiustatic.numinus.com/ma/ketamine/ket-mod-2/03-effects-ketamine.html",
    "year": "n.d."
  },
  "nushama-faq": {
    "authors": "Nushama",
    "read": "full-text",
    "title": "[Frequently asked questions page]",
    "url": "https://nushamatherapy.com",
    "year": "n.d."
  },
  "olofsen-2012": {
    "authors": "Olofsen E, Noppers I, Niesters M, Kharasch E, Aarts L, Sarton E, Dahan A",
    "issue": "2",
    "journal": "Anesthesiology",
    "pages": "353-364",
    "read": "abstract",
    "title": "Estimation of the contribution of norketamine to ketamine-induced acute pain relief and neurocognitive impairment in healthy volunteers",
    "volume": "117",
    "year": "2012"
  },
  "olofsen-2022": {
    "authors": "Olofsen E, Kamp J, Henthorn TK, van Velzen M, Niesters M, Sarton E, Dahan A",
    "doi": "10.1097/aln.0000000000004176",
    "issue": "5",
    "journal": "Anesthesiology",
    "note": "Abstract read (globalauthorid.com ArticleView copy; ouci.dntb.gov.ua). C50 and t1/2ke0 are from the abstract; gamma, Emax, between-subject variability and the S-norketamine term are in the full text, which was not reached.",
    "pages": "792-801",
    "read": "abstract",
    "title": "Ketamine psychedelic and antinociceptive effects are connected",
    "volume": "136",
    "year": "2022"
  },
  "otto-2021": {
    "authors": "Otto ME, Bergmann KR, Jacobs G, van Esdonk MJ",
    "doi": "10.1007/s00228-021-03104-1",
    "issue": "8",
    "journal": "Eur J Clin Pharmacol",
    "note": "Abstract and Table 2 also read.",
    "pages": "1181-1192",
    "read": "transcription",
    "title": "Predictive performance of parent-metabolite population pharmacokinetic models of (S)-ketamine in healthy volunteers",
    "volume": "77",
    "where": "nlmixr2lib Otto_2021_s_ketamine.R",
    "year": "2021"
  },
  "peltoniemi-2016": {
    "authors": "Peltoniemi MA, Hagelberg NM, Olkkola KT, Saari TI",
    "doi": "10.1007/s40262-016-0383-6",
    "issue": "9",
    "journal": "Clin Pharmacokinet",
    "pages": "1059-1077",
    "read": "abstract",
    "title": "Ketamine: a review of clinical pharmacokinetics and pharmacodynamics in anesthesia and pain therapy",
    "volume": "55",
    "year": "2016"
  },
  "perez-ruixo-2021": {
    "authors": "Perez-Ruixo C, Rossenu S, Zannikos P, Nandy P, Singh J, Drevets WC, Perez-Ruixo JJ",
    "doi": "10.1007/s40262-020-00953-4",
    "issue": "4",
    "journal": "Clin Pharmacokinet",
    "note": "Abstract also read.",
    "pages": "501-516",
    "read": "transcription",
    "title": "Population pharmacokinetics of esketamine nasal spray and its metabolite noresketamine in healthy subjects and patients with treatment-resistant depression",
    "volume": "60",
    "where": "nlmixr2lib PerezRuixo_2020_esketamine.R and its vignette (Tables 2-4)",
    "year": "2021"
  },
  "pharmacotherapy-2022": {
    "authors": "[authors not recorded]",
    "doi": "10.1002/phar.2669",
    "issue": "4",
    "journal": "Pharmacotherapy",
    "note": "Table 6 read (author manuscript on PMC); study population not recorded.",
    "pages": "298-310",
    "read": "full-text",
    "title": "[Intranasal versus intravenous racemic ketamine in adults; title not recorded]",
    "url": "https://pmc.ncbi.nlm.nih.gov/articles/PMC9118341/table/T6",
    "volume": "42",
    "year": "2022"
  },
  "psychedelic-times-dosing-guide": {
    "authors": "Psychedelic Times",
    "read": "full-text",
    "title": "A dosing guide for using ketamine for psychedelic therapy",
    "url": "https://psychedelictimes.com/a-dosing-guide-for-using-ketamine-for-psychedelic-therapy",
    "year": "n.d."
  },
  "rolan-2014": {
    "authors": "Rolan P, Lim S, Sunderland V, Liu Y, Molnar V",
    "doi": "10.1111/bcp.12264",
    "issue": "6",
    "journal": "Br J Clin Pharmacol",
    "pages": "1011-1016",
    "read": "abstract",
    "title": "The absolute bioavailability of racemic ketamine from a novel sublingual formulation",
    "volume": "77",
    "year": "2014"
  },
  "samadhi-ketamine-dose": {
    "authors": "Samadhi Therapy Associates",
    "read": "full-text",
    "title": "How the right ketamine dose supports deep healing",
    "url": "https://samadhitherapyassociates.com/post/how-the-right-ketamine-dose-supports-deep-healing",
    "year": "n.d."
  },
  "sanacora-2017": {
    "authors": "Sanacora G, Frye MA, McDonald W, Mathew SJ, Turner MS, Schatzberg AF, Summergrad P, Nemeroff CB",
    "journal": "JAMA Psychiatry",
    "pages": "399-405",
    "read": "secondary",
    "title": "A consensus statement on the use of ketamine in the treatment of mood disorders",
    "volume": "74",
    "where": "Medscape summary (reference.medscape.com/viewarticle/913357_3)",
    "year": "2017"
  },
  "schuettler-1987": {
    "authors": "Schuettler et al.",
    "doi": "10.1007/BF01066320",
    "journal": "J Pharmacokinet Biopharm",
    "read": "abstract",
    "title": "Pharmacodynamic modeling of the EEG effects of ketamine and its enantiomers in man",
    "year": "1987"
  },
  "scirp-ed-ketamine-protocol": {
    "authors": "[authors not recorded]",
    "read": "full-text",
    "title": "[Emergency department low-dose ketamine analgesia protocol, SCIRP]",
    "url": "https://html.scirp.org/file/_3-1750111_1.htm",
    "year": "n.d."
  },
  "sigtermans-2009": {
    "authors": "Sigtermans M et al.",
    "doi": "10.1097/aln.0b013e3181b437b1",
    "issue": "4",
    "journal": "Anesthesiology",
    "note": "Abstract read (pubs.asahq.org and a PubMed mirror); no parameter values are in it.",
    "pages": "892-903",
    "read": "abstract",
    "title": "S(+)-ketamine effect on experimental pain and cardiac output: a population pharmacokinetic-pharmacodynamic modeling study in healthy volunteers",
    "volume": "111",
    "year": "2009"
  },
  "simons-2022a": {
    "authors": "Simons P, Olofsen E, van Velzen M, van Lemmen M, Mooren R, van Dasselaar T, Mohr P, Hammes F, van der Schrier R, Niesters M, Dahan A",
    "doi": "10.3389/fpain.2022.946486",
    "journal": "Front Pain Res",
    "note": "Abstract also read.",
    "pages": "946486",
    "read": "transcription",
    "title": "S-ketamine oral thin film - Part 1: population pharmacokinetics of S-ketamine, S-norketamine and S-hydroxynorketamine",
    "volume": "3",
    "where": "nlmixr2lib Simons_2022_s_ketamine.R and its vignette (Tables 2 and 4)",
    "year": "2022"
  },
  "simons-2022b": {
    "authors": "Simons P, Olofsen E, van Velzen M, van Lemmen M, van Dasselaar T, Mohr P, Hammes F, van der Schrier R, Niesters M, Dahan A",
    "doi": "10.3389/fpain.2022.946487",
    "journal": "Front Pain Res",
    "note": "The abstract is cut off before the effect-site half-lives.",
    "pages": "946487",
    "read": "abstract",
    "title": "S-ketamine oral thin film - Part 2: population pharmacodynamics of S-ketamine, S-norketamine and S-hydroxynorketamine",
    "volume": "3",
    "year": "2022"
  },
  "simons-2024": {
    "authors": "Simons P",
    "note": "Only pages 16, 21, 34, 45, 46 and 48 of the online copy were read (p. 16 arterial sampling; p. 45 the PD model equations; p. 48 the volunteers); the PD parameter table was not reached.",
    "publisher": "PhD thesis, Leiden University",
    "read": "full-text",
    "title": "Pharmacotherapy and ventilatory control in health and disease",
    "url": "https://publicatie-online.nl/uploaded/flipbook/174076-Pieter-Simons",
    "year": "2024"
  },
  "spravato-eu-smpc": {
    "authors": "Janssen-Cilag International NV",
    "publisher": "European Medicines Agency",
    "read": "secondary",
    "title": "Spravato 28 mg nasal spray, solution: Summary of Product Characteristics (EU, Annex I)",
    "url": "https://www.ema.europa.eu/en/documents/product-information/spravato-epar-product-information_en.pdf",
    "where": "opening of sections 4.1-4.2 read in copies (patient-info.co.uk, vdocuments.net); contraindication 4.3 (recent cardiovascular event within 6 weeks), the resuscitation-setting list and psychiatric cautions of 4.4 as quoted in the issue-19 audit, not read in the SmPC text here",
    "year": "n.d."
  },
  "spravato-hk-label": {
    "authors": "MIMS Hong Kong",
    "read": "label",
    "title": "[Spravato drug information, Hong Kong label extract]",
    "url": "https://uat.mimsdev.com/hongkong/drug/info/spravato",
    "year": "n.d."
  },
  "whelton-2018": {
    "authors": "Whelton PK, Carey RM, Aronow WS, et al.",
    "doi": "10.1161/HYP.0000000000000065",
    "issue": "6",
    "journal": "Hypertension",
    "pages": "e13-e115",
    "read": "secondary",
    "title": "2017 ACC/AHA/AAPA/ABC/ACPM/AGS/APhA/ASH/ASPC/NMA/PCNA guideline for the prevention, detection, evaluation, and management of high blood pressure in adults",
    "volume": "71",
    "where": "severe hypertension (>= 180 and/or >= 120 mmHg) as quoted in the UpToDate topic on hypertensive urgencies (medilib.ir copy) and in a review citing the guideline (Mako 2018)",
    "year": "2018"
  },
  "wang-2019": {
    "authors": "Wang J, Huang J, Yang S, Cui C, Ye L, Wang S, Yang G, Pei Q",
    "year": "2019",
    "title": "Pharmacokinetics and safety of esketamine in Chinese patients undergoing painless gastroscopy in comparison with ketamine: a randomized, open-label clinical study",
    "journal": "Drug Des Devel Ther",
    "volume": "13",
    "pages": "4135-4144",
    "doi": "10.2147/dddt.s224553",
    "read": "abstract",
    "note": "Abstract: esketamine 0.5 mg/kg or racemic 1 mg/kg injected over 10 s; clearances (mL/min/kg, mean +/- SD) esketamine 18.1 +/- 3.2 (esketamine group), S 18.4 +/- 3.4 and R 15.8 +/- 3.1 (racemic group)."
  },
  "wilkinson-2017": {
    "authors": "Wilkinson et al.",
    "doi": "10.1159/000457960",
    "issue": "3",
    "journal": "Psychother Psychosom",
    "pages": "162-167",
    "read": "abstract",
    "title": "Cognitive behavior therapy may sustain antidepressant effects of intravenous ketamine in treatment-resistant depression",
    "volume": "86",
    "year": "2017"
  },
  "wolfson-ctp-kap": {
    "authors": "Wolfson P",
    "read": "full-text",
    "title": "Ketamine-assisted psychotherapy",
    "url": "https://philwolfsonmd.com/ketamine-assisted-psychotherapy",
    "year": "n.d."
  },
  "wolfson-ctp-lozenge": {
    "authors": "Wolfson P",
    "publisher": "The Ketamine Training Center",
    "read": "full-text",
    "title": "CTP KAP at-home lozenge method",
    "url": "https://theketaminetrainingcenter.com/ctp-kap-at-home-lozenge-method",
    "year": "n.d."
  },
  "yale-bp-2024": {
    "authors": "[authors not recorded] (Yale Depression Research Program)",
    "doi": "10.1016/j.genhosppsych.2024.07.001",
    "journal": "Gen Hosp Psychiatry",
    "note": "Abstract read on litmetric.com: 138 patients, 2342 infusions, SBP/DBP peak at 40 min, mean +16.0/+11.0 mmHg, severe hypertension in 17 patients (12.5%).",
    "read": "abstract",
    "title": "Blood pressure changes during ketamine infusion for the treatment of depression",
    "year": "2024"
  },
  "yale-nct02289248": {
    "authors": "Yale University",
    "note": "Trial registry record.",
    "read": "full-text",
    "title": "Cognitive behavioral therapy in prolonging the antidepressant effects of intravenous ketamine (NCT02289248)",
    "url": "https://ctv.veeva.com/study/cognitive-behavioral-therapy-in-prolonging-the-antidepressant-effects-of-intravenous-ketamine",
    "year": "n.d."
  },
  "yanagihara-2003": {
    "authors": "Yanagihara et al.",
    "doi": "10.1002/bdd.336",
    "issue": "1",
    "journal": "Biopharm Drug Dispos",
    "pages": "37-43",
    "read": "abstract",
    "title": "Plasma concentration profiles of ketamine and norketamine after administration of various ketamine preparations to healthy Japanese volunteers",
    "volume": "24",
    "year": "2003"
  },
  "yip-2022": {
    "authors": "Yip R, Swainson J, Khullar A, McIntyre RS, Skoblenick K",
    "doi": "10.3389/fpsyt.2022.1017504",
    "journal": "Front Psychiatry",
    "pages": "1017504",
    "read": "abstract",
    "title": "Intravenous ketamine for depression: a clinical discussion reconsidering best practices in acute hypertension management",
    "url": "https://pmc.ncbi.nlm.nih.gov/articles/PMC9556663",
    "volume": "13",
    "year": "2022"
  },
  "zanos-2018": {
    "authors": "Zanos P, Moaddel R, Morris PJ, Riggs LM, Highland JN, Georgiou P, Pereira EFR, Albuquerque EX, Thomas CJ, Zarate CA Jr, Gould TD",
    "doi": "10.1124/pr.117.015198",
    "issue": "3",
    "journal": "Pharmacol Rev",
    "note": "Table 1 read.",
    "pages": "621-660",
    "read": "full-text",
    "title": "Ketamine and ketamine metabolite pharmacology: insights into therapeutic mechanisms",
    "url": "https://pmc.ncbi.nlm.nih.gov/articles/PMC6020109/table/T1",
    "volume": "70",
    "year": "2018"
  },
  "zarate-2006": {
    "authors": "Zarate et al.",
    "journal": "Arch Gen Psychiatry",
    "read": "secondary",
    "title": "[Single 0.5 mg/kg IV ketamine infusion in treatment-resistant depression; title not recorded]",
    "where": "Zanos 2018, Table 1 [zanos-2018]",
    "year": "2006"
  },
  "hasan-2021": {
    "authors": "[first author not shown on the page read; Hasan M from memory, UNCONFIRMED], et al.",
    "year": "2021",
    "title": "Chiral pharmacokinetics and metabolite profile of prolonged-release ketamine tablets in healthy human subjects",
    "journal": "Anesthesiology",
    "volume": "135",
    "issue": "2",
    "pages": "326",
    "url": "https://pubs.asahq.org/anesthesiology/article/135/2/326/115818/Chiral-Pharmacokinetics-and-Metabolite-Profile-of",
    "read": "abstract",
    "note": "Abstract: 15 healthy white adults; racemic 5.0 mg IV infusion (duration not in the abstract) and 10-80 mg prolonged-release tablets; S- and R-ketamine Vss 6.6 +/- 2.2 and 5.6 +/- 2.1 L/kg, terminal t1/2 5.2 +/- 3.4 and 6.1 +/- 3.1 h, metabolic clearances 1620 +/- 380 and 1530 +/- 380 mL/min; 40 mg tablet F 15 +/- 8 % (S) and 19 +/- 10 % (R). The tablet data are a prolonged-release form and are not used for the immediate-release oral route. IV Cmax S 15.6 +/- 4.5 and R 16.5 +/- 4.9 ng/mL and the 30-min infusion time were seen only in a public code repository's transcription of Table 1 (second-hand, UNCONFIRMED); that transcription gives the DOI as 10.1097/ALN.0000000000003829 (not checked)."
  },
  "huge-2010": {
    "authors": "Huge V, et al.",
    "year": "2010",
    "title": "Effects of low-dose intranasal (S)-ketamine in patients with neuropathic pain",
    "journal": "Eur J Pain",
    "volume": "14",
    "issue": "4",
    "pages": "387-394",
    "doi": "10.1016/j.ejpain.2009.08.002",
    "read": "abstract",
    "note": "Abstract (uptodate.com PubMed mirror 19733106 and discovery.researcher.life): 16 neuropathic-pain patients, S-ketamine 0.2 or 0.4 mg/kg IN; S-ketamine Cmax 27.7 +/- 5.9 ng/mL at 10 +/- 6.3 min and 34.3 +/- 22.2 at 13.8 +/- 4.8 min; S-norketamine 18.3 +/- 14.9 at 81 +/- 59 min and 34.3 +/- 5.5 at 75 +/- 40 min. Body weights and the spray device not in the abstract; co-authors not recorded."
  }
}
"""####,
        "simons-2022.profile.json": ####"""
{
  "name": "simons-2022",
  "title": "S-ketamine oral thin film (sublingual/buccal) and IV, Simons et al. 2022: S-ketamine 3-cmt, S-norketamine 2-cmt, S-HNK 2-cmt",
  "analyte": "S-ketamine",
  "drug": "S-ketamine oral thin film 50/100 mg; S-ketamine IV",
  "population": "20 healthy volunteers (10 M/10 F), 24 +/- 3 y, 73 +/- 12 kg (53-93); film sublingual (n = 15) or buccal (n = 5), 20 mg IV over 20 min at 6 h",
  "citation": "Simons P, Olofsen E, van Velzen M, et al., Dahan A. Front Pain Res 2022;3:946486 (Part 1 PK) [simons-2022a] and 946487 (Part 2 PD) [simons-2022b]",
  "sampling": "arterial",
  "notes": [
    "Time unit of the paper is min: volumes in L, clearances in L/min, rate constants in 1/min, durations in min, as published; the engine converts to h.",
    "S-ketamine 3-compartment (VK1/VK2/VK3, CLK1 elimination, CLK2/CLK3 distribution) [simons-2022a]. Arterial sampling: the small VK1 (11.6 L) gives high early peaks.",
    "Film input, two parallel paths as published [simons-2022a]: mucosal (F1 of the dose zero-order over D1 into a depot, KA1 into the central compartment) and swallowed (F2 of the dose zero-order over D2 into a gut depot, KA2 into a gut-to-liver transit compartment with rate 1/MTTG, then straight into the S-ketamine metabolism chain: swallowed S-ketamine never reaches the systemic parent pool).",
    "Schema gap: F2 is 116% of the film dose and a route input fraction must be <= 1, so the swallowed input is split into four identical inputs of F2 x 0.25 into the same gut depot over the same D2 (sum = F2). Four parts keep each <= 1 even with the F2 IOV eta up to +5 SD.",
    "Metabolism: S-ketamine cleared by CLK1 (and the swallowed flux) passes a 2-compartment transit chain (each 2/MTT K->NK); 80% (fixed) of it forms S-norketamine (yield FM_NK), the rest is lost. S-norketamine (central volume = VK1, as published) cleared by CLN1 passes a second chain (2/MTT NK->HNK); 70% (fixed) forms S-HNK. S-HNK is 2-compartment.",
    "Amounts are S-ketamine mass equivalents throughout, i.e. moles conserved (the model was fitted in nmol/mL). Outputs convert to ng/mL of each analyte: CP scale 1000, CM (S-norketamine) 1000 x 223.70/237.73, CHNK 1000 x 239.70/237.73 [calc].",
    "Weight scaling exponents were not printed (UNCONFIRMED): 1 for volumes and 0.75 for clearances as assumed by nlmixr2lib [simons-2022a].",
    "IIV as published (omega^2, exponential). IOV (nu^2 on F1, D1, KA1, F2, D2, KA2, MTTG) is entered as additional exponential etas with the published variance, each marked in its note: for one dosing occasion an IOV eta acts like a between-subject eta; the schema has no occasions, so repeated films in one simulated subject reuse the same IOV draw (this understates occasion-to-occasion variability).",
    "Residual error [simons-2022a Table 4]: S-ketamine proportional 0.11 (printed 0.012, read as a variance: UNCONFIRMED); S-NK and S-HNK proportional plus additive, the additive SDs converted from nmol/mL to ng/mL [calc].",
    "Effect site: the Part 2 t1/2ke0 values are UNCONFIRMED (abstract truncated) [simons-2022b]; CE uses Olofsen 2012 (6.1 min, S-ketamine) [olofsen-2012] as an assumption.",
    "Routes: sl (film; sublingual and buccal were pooled in the paper [simons-2022a]), iv (the 20 mg over 20 min arm) and iv-bolus. Validation V14 simulates the IV arm alone: in the study it started 6 h after a film, whose residual S-ketamine (~5 / ~9 ng/mL at the end of the infusion after 50 / 100 mg [calc], 2-4% of the peak) is not included."
  ],
  "parameters": [
    {
      "name": "F1",
      "value": 26.3,
      "unit": "%",
      "source": "[simons-2022a Table 4] via nlmixr2lib: F1 mucosal bioavailability"
    },
    {
      "name": "D1",
      "value": 13.1,
      "unit": "min",
      "source": "[simons-2022a Table 4] via nlmixr2lib: D1 zero-order mucosal input duration"
    },
    {
      "name": "KA1",
      "value": 0.04,
      "unit": "1/min",
      "source": "[simons-2022a Table 4] via nlmixr2lib: KA1 mucosal absorption"
    },
    {
      "name": "F2",
      "value": 116,
      "unit": "%",
      "source": "[simons-2022a Table 4] via nlmixr2lib: F2 swallowed fraction into metabolism (of film dose)"
    },
    {
      "name": "D2",
      "value": 29.9,
      "unit": "min",
      "source": "[simons-2022a Table 4] via nlmixr2lib: D2 zero-order gastrointestinal input duration"
    },
    {
      "name": "KA2",
      "value": 0.049,
      "unit": "1/min",
      "source": "[simons-2022a Table 4] via nlmixr2lib: KA2 gastrointestinal absorption"
    },
    {
      "name": "MTTG",
      "value": 10.7,
      "unit": "min",
      "source": "[simons-2022a Table 4] via nlmixr2lib: MTT gut to liver"
    },
    {
      "name": "VK1",
      "value": 11.6,
      "unit": "L",
      "source": "[simons-2022a Table 4] via nlmixr2lib: VK1 at 70 kg (also the S-norketamine central volume)"
    },
    {
      "name": "VK2",
      "value": 39.0,
      "unit": "L",
      "source": "[simons-2022a Table 4] via nlmixr2lib: VK2 at 70 kg"
    },
    {
      "name": "VK3",
      "value": 174,
      "unit": "L",
      "source": "[simons-2022a Table 4] via nlmixr2lib: VK3 at 70 kg"
    },
    {
      "name": "CLK1",
      "value": 1.48,
      "unit": "L/min",
      "source": "[simons-2022a Table 4] via nlmixr2lib: CLK1 at 70 kg (elimination into the metabolism chain)"
    },
    {
      "name": "CLK2",
      "value": 2.43,
      "unit": "L/min",
      "source": "[simons-2022a Table 4] via nlmixr2lib: CLK2 at 70 kg"
    },
    {
      "name": "CLK3",
      "value": 1.21,
      "unit": "L/min",
      "source": "[simons-2022a Table 4] via nlmixr2lib: CLK3 at 70 kg"
    },
    {
      "name": "MTTKNK",
      "value": 20.1,
      "unit": "min",
      "source": "[simons-2022a Table 4] via nlmixr2lib: MTT K->NK (2-compartment chain)"
    },
    {
      "name": "FM_NK",
      "value": 0.8,
      "unit": "fraction",
      "source": "Simons 2022 Methods [simons-2022a]: fixed 80% of metabolised S-ketamine forms S-norketamine"
    },
    {
      "name": "VN2",
      "value": 221,
      "unit": "L",
      "source": "[simons-2022a Table 4] via nlmixr2lib: VN2 at 70 kg"
    },
    {
      "name": "CLN1",
      "value": 1.0,
      "unit": "L/min",
      "source": "[simons-2022a Table 4] via nlmixr2lib: CLN1 at 70 kg (S-norketamine elimination into the HNK chain)"
    },
    {
      "name": "CLN2",
      "value": 2.63,
      "unit": "L/min",
      "source": "[simons-2022a Table 4] via nlmixr2lib: CLN2 at 70 kg"
    },
    {
      "name": "MTTNKH",
      "value": 1.12,
      "unit": "min",
      "source": "[simons-2022a Table 4] via nlmixr2lib: MTT NK->HNK (2-compartment chain)"
    },
    {
      "name": "FM_HNK",
      "value": 0.7,
      "unit": "fraction",
      "source": "Simons 2022 Methods [simons-2022a]: fixed 70% of metabolised S-norketamine forms S-HNK"
    },
    {
      "name": "VH1",
      "value": 4.4,
      "unit": "L",
      "source": "[simons-2022a Table 4] via nlmixr2lib: VH1 at 70 kg"
    },
    {
      "name": "VH2",
      "value": 87.5,
      "unit": "L",
      "source": "[simons-2022a Table 4] via nlmixr2lib: VH2 at 70 kg"
    },
    {
      "name": "CLH1",
      "value": 0.933,
      "unit": "L/min",
      "source": "[simons-2022a Table 4] via nlmixr2lib: CLH1 at 70 kg"
    },
    {
      "name": "CLH2",
      "value": 1.7,
      "unit": "L/min",
      "source": "[simons-2022a Table 4] via nlmixr2lib: CLH2 at 70 kg"
    },
    {
      "name": "T12KE0",
      "value": 6.1,
      "unit": "min",
      "source": "Olofsen 2012 [olofsen-2012]: mean t1/2ke0 across endpoints, S-ketamine, 12 healthy men; Simons Part 2 t1/2ke0 values UNCONFIRMED (abstract truncated [simons-2022b]), so assumed",
      "unconfirmed": true
    },
    {
      "name": "KE0",
      "value": 6.8178411202617575,
      "unit": "1/h",
      "source": "[calc] ln 2 / T12KE0 (6.1 min)",
      "calc": true
    }
  ],
  "compartments": [
    {
      "name": "depot.mucosal"
    },
    {
      "name": "depot.gut"
    },
    {
      "name": "gut.transit"
    },
    {
      "name": "central",
      "volume": "VK1"
    },
    {
      "name": "peripheral1",
      "volume": "VK2"
    },
    {
      "name": "peripheral2",
      "volume": "VK3"
    },
    {
      "name": "nk.chain1"
    },
    {
      "name": "nk.chain2"
    },
    {
      "name": "nk.central",
      "volume": "VK1"
    },
    {
      "name": "nk.peripheral",
      "volume": "VN2"
    },
    {
      "name": "hnk.chain1"
    },
    {
      "name": "hnk.chain2"
    },
    {
      "name": "hnk.central",
      "volume": "VH1"
    },
    {
      "name": "hnk.peripheral",
      "volume": "VH2"
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
      "from": "depot.mucosal",
      "to": "central",
      "rate": "KA1"
    },
    {
      "from": "depot.gut",
      "to": "gut.transit",
      "rate": "KA2"
    },
    {
      "from": "gut.transit",
      "to": "nk.chain1",
      "rate": "1/MTTG"
    },
    {
      "from": "central",
      "to": "peripheral1",
      "rate": "CLK2/VK1"
    },
    {
      "from": "peripheral1",
      "to": "central",
      "rate": "CLK2/VK2"
    },
    {
      "from": "central",
      "to": "peripheral2",
      "rate": "CLK3/VK1"
    },
    {
      "from": "peripheral2",
      "to": "central",
      "rate": "CLK3/VK3"
    },
    {
      "from": "central",
      "to": "nk.chain1",
      "rate": "CLK1/VK1"
    },
    {
      "from": "nk.chain1",
      "to": "nk.chain2",
      "rate": "2/MTTKNK"
    },
    {
      "from": "nk.chain2",
      "to": "nk.central",
      "rate": "2/MTTKNK",
      "yield": "FM_NK"
    },
    {
      "from": "nk.central",
      "to": "nk.peripheral",
      "rate": "CLN2/VK1"
    },
    {
      "from": "nk.peripheral",
      "to": "nk.central",
      "rate": "CLN2/VN2"
    },
    {
      "from": "nk.central",
      "to": "hnk.chain1",
      "rate": "CLN1/VK1"
    },
    {
      "from": "hnk.chain1",
      "to": "hnk.chain2",
      "rate": "2/MTTNKH"
    },
    {
      "from": "hnk.chain2",
      "to": "hnk.central",
      "rate": "2/MTTNKH",
      "yield": "FM_HNK"
    },
    {
      "from": "hnk.central",
      "to": null,
      "rate": "CLH1/VH1"
    },
    {
      "from": "hnk.central",
      "to": "hnk.peripheral",
      "rate": "CLH2/VH1"
    },
    {
      "from": "hnk.peripheral",
      "to": "hnk.central",
      "rate": "CLH2/VH2"
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
      "compartment": "nk.central",
      "scale": 940.9834686408951,
      "unit": "ng/mL"
    },
    {
      "name": "CHNK",
      "compartment": "hnk.central",
      "scale": 1008.2867118159256,
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
    "sl": {
      "inputs": [
        {
          "compartment": "depot.mucosal",
          "fraction": "F1",
          "duration": "D1"
        },
        {
          "compartment": "depot.gut",
          "fraction": "F2*0.25",
          "duration": "D2"
        },
        {
          "compartment": "depot.gut",
          "fraction": "F2*0.25",
          "duration": "D2"
        },
        {
          "compartment": "depot.gut",
          "fraction": "F2*0.25",
          "duration": "D2"
        },
        {
          "compartment": "depot.gut",
          "fraction": "F2*0.25",
          "duration": "D2"
        }
      ],
      "source": "Simons 2022 [simons-2022a]: mucosal F1 over D1 then KA1; swallowed F2 (116%, split in four inputs of F2 x 0.25) over D2 then KA2 and MTTG into metabolism"
    },
    "iv": {
      "inputs": [
        {
          "compartment": "central",
          "fraction": "1"
        }
      ],
      "source": "IV: F = 1; the study arm was 20 mg over 20 min [simons-2022a]"
    },
    "iv-bolus": {
      "inputs": [
        {
          "compartment": "central",
          "fraction": "1"
        }
      ],
      "source": "IV bolus: F = 1 (same disposition; not a studied regimen)"
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
        "mean": 73,
        "sd": 12,
        "low": 53,
        "high": 93
      },
      "source": "reference 70 kg (Table 4 '@ 70 kg'); distribution from the study population 73 +/- 12 (53-93) kg [simons-2022a]"
    }
  ],
  "covariateEffects": [
    {
      "parameter": "VK1",
      "covariate": "WT",
      "kind": "power",
      "exponent": 1,
      "source": "Simons 2022 [simons-2022a Table 4]: values '@ 70 kg', exponents not printed; 0.75 (clearances) / 1 (volumes) assumed as in nlmixr2lib",
      "unconfirmed": true
    },
    {
      "parameter": "VK2",
      "covariate": "WT",
      "kind": "power",
      "exponent": 1,
      "source": "Simons 2022 [simons-2022a Table 4]: values '@ 70 kg', exponents not printed; 0.75 (clearances) / 1 (volumes) assumed as in nlmixr2lib",
      "unconfirmed": true
    },
    {
      "parameter": "VK3",
      "covariate": "WT",
      "kind": "power",
      "exponent": 1,
      "source": "Simons 2022 [simons-2022a Table 4]: values '@ 70 kg', exponents not printed; 0.75 (clearances) / 1 (volumes) assumed as in nlmixr2lib",
      "unconfirmed": true
    },
    {
      "parameter": "VN2",
      "covariate": "WT",
      "kind": "power",
      "exponent": 1,
      "source": "Simons 2022 [simons-2022a Table 4]: values '@ 70 kg', exponents not printed; 0.75 (clearances) / 1 (volumes) assumed as in nlmixr2lib",
      "unconfirmed": true
    },
    {
      "parameter": "VH1",
      "covariate": "WT",
      "kind": "power",
      "exponent": 1,
      "source": "Simons 2022 [simons-2022a Table 4]: values '@ 70 kg', exponents not printed; 0.75 (clearances) / 1 (volumes) assumed as in nlmixr2lib",
      "unconfirmed": true
    },
    {
      "parameter": "VH2",
      "covariate": "WT",
      "kind": "power",
      "exponent": 1,
      "source": "Simons 2022 [simons-2022a Table 4]: values '@ 70 kg', exponents not printed; 0.75 (clearances) / 1 (volumes) assumed as in nlmixr2lib",
      "unconfirmed": true
    },
    {
      "parameter": "CLK1",
      "covariate": "WT",
      "kind": "power",
      "exponent": 0.75,
      "source": "Simons 2022 [simons-2022a Table 4]: values '@ 70 kg', exponents not printed; 0.75 (clearances) / 1 (volumes) assumed as in nlmixr2lib",
      "unconfirmed": true
    },
    {
      "parameter": "CLK2",
      "covariate": "WT",
      "kind": "power",
      "exponent": 0.75,
      "source": "Simons 2022 [simons-2022a Table 4]: values '@ 70 kg', exponents not printed; 0.75 (clearances) / 1 (volumes) assumed as in nlmixr2lib",
      "unconfirmed": true
    },
    {
      "parameter": "CLK3",
      "covariate": "WT",
      "kind": "power",
      "exponent": 0.75,
      "source": "Simons 2022 [simons-2022a Table 4]: values '@ 70 kg', exponents not printed; 0.75 (clearances) / 1 (volumes) assumed as in nlmixr2lib",
      "unconfirmed": true
    },
    {
      "parameter": "CLN1",
      "covariate": "WT",
      "kind": "power",
      "exponent": 0.75,
      "source": "Simons 2022 [simons-2022a Table 4]: values '@ 70 kg', exponents not printed; 0.75 (clearances) / 1 (volumes) assumed as in nlmixr2lib",
      "unconfirmed": true
    },
    {
      "parameter": "CLN2",
      "covariate": "WT",
      "kind": "power",
      "exponent": 0.75,
      "source": "Simons 2022 [simons-2022a Table 4]: values '@ 70 kg', exponents not printed; 0.75 (clearances) / 1 (volumes) assumed as in nlmixr2lib",
      "unconfirmed": true
    },
    {
      "parameter": "CLH1",
      "covariate": "WT",
      "kind": "power",
      "exponent": 0.75,
      "source": "Simons 2022 [simons-2022a Table 4]: values '@ 70 kg', exponents not printed; 0.75 (clearances) / 1 (volumes) assumed as in nlmixr2lib",
      "unconfirmed": true
    },
    {
      "parameter": "CLH2",
      "covariate": "WT",
      "kind": "power",
      "exponent": 0.75,
      "source": "Simons 2022 [simons-2022a Table 4]: values '@ 70 kg', exponents not printed; 0.75 (clearances) / 1 (volumes) assumed as in nlmixr2lib",
      "unconfirmed": true
    }
  ],
  "variability": [
    {
      "name": "ETA_VK1",
      "parameter": "VK1",
      "variance": 0.057,
      "source": "[simons-2022a Table 4] via nlmixr2lib: omega^2 0.057 (shared with the S-NK central volume)"
    },
    {
      "name": "ETA_CLK1",
      "parameter": "CLK1",
      "variance": 0.029,
      "source": "[simons-2022a Table 4] via nlmixr2lib: omega^2 0.029"
    },
    {
      "name": "ETA_CLK3",
      "parameter": "CLK3",
      "variance": 0.026,
      "source": "[simons-2022a Table 4] via nlmixr2lib: omega^2 0.026"
    },
    {
      "name": "ETA_CLN1",
      "parameter": "CLN1",
      "variance": 0.05,
      "source": "[simons-2022a Table 4] via nlmixr2lib: omega^2 0.050"
    },
    {
      "name": "ETA_MTTKNK",
      "parameter": "MTTKNK",
      "variance": 0.021,
      "source": "[simons-2022a Table 4] via nlmixr2lib: omega^2 0.021"
    },
    {
      "name": "ETA_VH1",
      "parameter": "VH1",
      "variance": 1.22,
      "source": "[simons-2022a Table 4] via nlmixr2lib: omega^2 1.22"
    },
    {
      "name": "ETA_CLH1",
      "parameter": "CLH1",
      "variance": 0.103,
      "source": "[simons-2022a Table 4] via nlmixr2lib: omega^2 0.103"
    },
    {
      "name": "ETA_CLH2",
      "parameter": "CLH2",
      "variance": 0.287,
      "source": "[simons-2022a Table 4] via nlmixr2lib: omega^2 0.287"
    },
    {
      "name": "IOV_F1",
      "parameter": "F1",
      "variance": 0.06,
      "source": "[simons-2022a Table 4] via nlmixr2lib: IOV nu^2 0.06",
      "note": "inter-occasion variability entered as a per-subject eta (no occasions in the schema)"
    },
    {
      "name": "IOV_D1",
      "parameter": "D1",
      "variance": 0.154,
      "source": "[simons-2022a Table 4] via nlmixr2lib: IOV nu^2 0.154",
      "note": "inter-occasion variability entered as a per-subject eta (no occasions in the schema)"
    },
    {
      "name": "IOV_KA1",
      "parameter": "KA1",
      "variance": 0.062,
      "source": "[simons-2022a Table 4] via nlmixr2lib: IOV nu^2 0.062",
      "note": "inter-occasion variability entered as a per-subject eta (no occasions in the schema)"
    },
    {
      "name": "IOV_F2",
      "parameter": "F2",
      "variance": 0.057,
      "source": "[simons-2022a Table 4] via nlmixr2lib: IOV nu^2 0.057",
      "note": "inter-occasion variability entered as a per-subject eta (no occasions in the schema)"
    },
    {
      "name": "IOV_D2",
      "parameter": "D2",
      "variance": 0.611,
      "source": "[simons-2022a Table 4] via nlmixr2lib: IOV nu^2 0.611",
      "note": "inter-occasion variability entered as a per-subject eta (no occasions in the schema)"
    },
    {
      "name": "IOV_KA2",
      "parameter": "KA2",
      "variance": 0.376,
      "source": "[simons-2022a Table 4] via nlmixr2lib: IOV nu^2 0.376",
      "note": "inter-occasion variability entered as a per-subject eta (no occasions in the schema)"
    },
    {
      "name": "IOV_MTTG",
      "parameter": "MTTG",
      "variance": 0.937,
      "source": "[simons-2022a Table 4] via nlmixr2lib: IOV nu^2 0.937",
      "note": "inter-occasion variability entered as a per-subject eta (no occasions in the schema)"
    }
  ],
  "correlations": [],
  "residualError": [
    {
      "output": "CP",
      "proportional": 0.11,
      "source": "[simons-2022a Table 4] via nlmixr2lib: sigma printed 0.012, read as a variance (SD 0.11); interpretation UNCONFIRMED",
      "unconfirmed": true
    },
    {
      "output": "CM",
      "proportional": 0.102,
      "additive": 12.97,
      "source": "[simons-2022a Table 4] via nlmixr2lib: proportional 0.102 + additive 0.058 nmol/mL; additive [calc] x 223.70 ng/nmol = 12.97 ng/mL"
    },
    {
      "output": "CHNK",
      "proportional": 0.079,
      "additive": 4.79,
      "source": "[simons-2022a Table 4] via nlmixr2lib: proportional 0.079 + additive 0.020 nmol/mL; additive [calc] x 239.70 ng/nmol = 4.79 ng/mL"
    }
  ]
}
"""####,
        "validation.json": ####"""
[
  {
    "id": "V1-clements-1981",
    "profile": "clements-1981",
    "description": "Racemic 0.5 mg/kg IV over 40 min (Zarate regimen), 70 kg: mean peak at end of infusion",
    "route": "iv",
    "doseMgPerKg": 0.5,
    "infusionMin": 40,
    "weightKg": 70,
    "metric": "cmax",
    "published": 185,
    "unit": "ng/mL",
    "tolerance": 0.35,
    "toleranceReason": "No SD published for the mean peak; the same regimen's published between-patient range is 100-250 ng/mL (V2): +-35% is the distance from 185 to the nearer end of that range (250)",
    "source": "Zarate 2006 [zarate-2006] via Zanos 2018 [zanos-2018 Table 1]",
    "expect": "pass",
    "basis": "independent"
  },
  {
    "id": "V2-clements-1981",
    "profile": "clements-1981",
    "description": "Racemic 0.5 mg/kg IV over 40 min, 70 kg: peak inside the published 100-250 ng/mL range",
    "route": "iv",
    "doseMgPerKg": 0.5,
    "infusionMin": 40,
    "weightKg": 70,
    "metric": "cmax",
    "published": 175,
    "unit": "ng/mL",
    "tolerance": 0.42857142857142855,
    "toleranceReason": "The published range itself: 100-250 ng/mL = 175 +- 75 (relative 0.4286)",
    "source": "Krystal 1994 design [krystal-1994] via Zanos 2018 [zanos-2018 Table 1]",
    "expect": "pass",
    "basis": "independent"
  },
  {
    "id": "V3-c2min-clements-1981",
    "profile": "clements-1981",
    "description": "Racemic 10 mg IV bolus: concentration at the observed Tmax (2 min). A compartment model's bolus Cmax is D/V1 at t = 0, which no sample measures, so the first sampling time is compared",
    "route": "iv-bolus",
    "doseMg": 10,
    "weightKg": 70,
    "metric": "c",
    "atH": 0.03333333333333333,
    "published": 296,
    "unit": "ng/mL",
    "tolerance": 0.415,
    "toleranceReason": "Geometric SD 1.71: the 1-gSD interval is 173-506 ng/mL; the schema's tolerance is symmetric, so the narrower side 1 - 1/1.71 = 0.415 is used",
    "source": "Pharmacotherapy 2022;42:298 [pharmacotherapy-2022 Table 6]",
    "expect": "miss",
    "missReason": "Clements' V1 of 1.75 L/kg (123 L at 70 kg) [clements-1981] has no fast distribution phase: a bolus starts at D/V1 = 82 ng/mL, so the 2-min venous peak of 296 ng/mL (an initial volume of ~34 L) cannot be reproduced; the set describes the post-distribution phase. domino-1982 and herd-2007 reproduce it",
    "basis": "independent"
  },
  {
    "id": "V3-auc-clements-1981",
    "profile": "clements-1981",
    "description": "Racemic 10 mg IV bolus: AUC (to infinity)",
    "route": "iv-bolus",
    "doseMg": 10,
    "weightKg": 70,
    "metric": "aucinf",
    "published": 113,
    "unit": "ng*h/mL",
    "tolerance": 0.12,
    "toleranceReason": "No dispersion published for this AUC; the closest published spread of study-mean clearances is the Kamp 2020 95% CI 69-90 L/h/70 kg around 79 (-13%/+14%) [kamp-2020]: 0.12 = the narrower side in AUC terms (1 - 79/90)",
    "source": "Pharmacotherapy 2022 [pharmacotherapy-2022 Table 6]; tolerance from Kamp 2020 [kamp-2020]",
    "expect": "pass",
    "basis": "independent"
  },
  {
    "id": "V1-domino-1982",
    "profile": "domino-1982",
    "description": "Racemic 0.5 mg/kg IV over 40 min (Zarate regimen), 70 kg: mean peak at end of infusion",
    "route": "iv",
    "doseMgPerKg": 0.5,
    "infusionMin": 40,
    "weightKg": 70,
    "metric": "cmax",
    "published": 185,
    "unit": "ng/mL",
    "tolerance": 0.35,
    "toleranceReason": "No SD published for the mean peak; the same regimen's published between-patient range is 100-250 ng/mL (V2): +-35% is the distance from 185 to the nearer end of that range (250)",
    "source": "Zarate 2006 [zarate-2006] via Zanos 2018 [zanos-2018 Table 1]",
    "expect": "pass",
    "basis": "independent"
  },
  {
    "id": "V2-domino-1982",
    "profile": "domino-1982",
    "description": "Racemic 0.5 mg/kg IV over 40 min, 70 kg: peak inside the published 100-250 ng/mL range",
    "route": "iv",
    "doseMgPerKg": 0.5,
    "infusionMin": 40,
    "weightKg": 70,
    "metric": "cmax",
    "published": 175,
    "unit": "ng/mL",
    "tolerance": 0.42857142857142855,
    "toleranceReason": "The published range itself: 100-250 ng/mL = 175 +- 75 (relative 0.4286)",
    "source": "Krystal 1994 design [krystal-1994] via Zanos 2018 [zanos-2018 Table 1]",
    "expect": "pass",
    "basis": "independent"
  },
  {
    "id": "V3-c2min-domino-1982",
    "profile": "domino-1982",
    "description": "Racemic 10 mg IV bolus: concentration at the observed Tmax (2 min). A compartment model's bolus Cmax is D/V1 at t = 0, which no sample measures, so the first sampling time is compared",
    "route": "iv-bolus",
    "doseMg": 10,
    "weightKg": 70,
    "metric": "c",
    "atH": 0.03333333333333333,
    "published": 296,
    "unit": "ng/mL",
    "tolerance": 0.415,
    "toleranceReason": "Geometric SD 1.71: the 1-gSD interval is 173-506 ng/mL; the schema's tolerance is symmetric, so the narrower side 1 - 1/1.71 = 0.415 is used",
    "source": "Pharmacotherapy 2022;42:298 [pharmacotherapy-2022 Table 6]",
    "expect": "pass",
    "basis": "independent"
  },
  {
    "id": "V3-auc-domino-1982",
    "profile": "domino-1982",
    "description": "Racemic 10 mg IV bolus: AUC (to infinity)",
    "route": "iv-bolus",
    "doseMg": 10,
    "weightKg": 70,
    "metric": "aucinf",
    "published": 113,
    "unit": "ng*h/mL",
    "tolerance": 0.12,
    "toleranceReason": "No dispersion published for this AUC; the closest published spread of study-mean clearances is the Kamp 2020 95% CI 69-90 L/h/70 kg around 79 (-13%/+14%) [kamp-2020]: 0.12 = the narrower side in AUC terms (1 - 79/90)",
    "source": "Pharmacotherapy 2022 [pharmacotherapy-2022 Table 6]; tolerance from Kamp 2020 [kamp-2020]",
    "expect": "miss",
    "missReason": "Domino CL 116 L/h at 70 kg (UNCONFIRMED micro-constants) is above every mean clearance found (Kamp 2020 69-90 L/h/70 kg [kamp-2020]; ~88 L/h implied by this study), so the AUC is ~24% low",
    "basis": "independent"
  },
  {
    "id": "V1-herd-2007",
    "profile": "herd-2007",
    "description": "Racemic 0.5 mg/kg IV over 40 min (Zarate regimen), 70 kg: mean peak at end of infusion",
    "route": "iv",
    "doseMgPerKg": 0.5,
    "infusionMin": 40,
    "weightKg": 70,
    "metric": "cmax",
    "published": 185,
    "unit": "ng/mL",
    "tolerance": 0.35,
    "toleranceReason": "No SD published for the mean peak; the same regimen's published between-patient range is 100-250 ng/mL (V2): +-35% is the distance from 185 to the nearer end of that range (250)",
    "source": "Zarate 2006 [zarate-2006] via Zanos 2018 [zanos-2018 Table 1]",
    "expect": "miss",
    "missReason": "The pediatric V1 (38.7 L/70 kg) scaled to 70 kg gives a high end-of-infusion peak (~253 ng/mL [calc]); the source population was children of 32.5 kg [herd-2007], so adult use is an allometric extrapolation",
    "basis": "independent"
  },
  {
    "id": "V2-herd-2007",
    "profile": "herd-2007",
    "description": "Racemic 0.5 mg/kg IV over 40 min, 70 kg: peak inside the published 100-250 ng/mL range",
    "route": "iv",
    "doseMgPerKg": 0.5,
    "infusionMin": 40,
    "weightKg": 70,
    "metric": "cmax",
    "published": 175,
    "unit": "ng/mL",
    "tolerance": 0.42857142857142855,
    "toleranceReason": "The published range itself: 100-250 ng/mL = 175 +- 75 (relative 0.4286)",
    "source": "Krystal 1994 design [krystal-1994] via Zanos 2018 [zanos-2018 Table 1]",
    "expect": "miss",
    "missReason": "Peak ~253 ng/mL [calc] is just above the 100-250 ng/mL range: the pediatric V1 (38.7 L/70 kg) scaled to an adult",
    "basis": "independent"
  },
  {
    "id": "V3-c2min-herd-2007",
    "profile": "herd-2007",
    "description": "Racemic 10 mg IV bolus: concentration at the observed Tmax (2 min). A compartment model's bolus Cmax is D/V1 at t = 0, which no sample measures, so the first sampling time is compared",
    "route": "iv-bolus",
    "doseMg": 10,
    "weightKg": 70,
    "metric": "c",
    "atH": 0.03333333333333333,
    "published": 296,
    "unit": "ng/mL",
    "tolerance": 0.415,
    "toleranceReason": "Geometric SD 1.71: the 1-gSD interval is 173-506 ng/mL; the schema's tolerance is symmetric, so the narrower side 1 - 1/1.71 = 0.415 is used",
    "source": "Pharmacotherapy 2022;42:298 [pharmacotherapy-2022 Table 6]",
    "expect": "pass",
    "basis": "independent"
  },
  {
    "id": "V3-auc-herd-2007",
    "profile": "herd-2007",
    "description": "Racemic 10 mg IV bolus: AUC (to infinity)",
    "route": "iv-bolus",
    "doseMg": 10,
    "weightKg": 70,
    "metric": "aucinf",
    "published": 113,
    "unit": "ng*h/mL",
    "tolerance": 0.12,
    "toleranceReason": "No dispersion published for this AUC; the closest published spread of study-mean clearances is the Kamp 2020 95% CI 69-90 L/h/70 kg around 79 (-13%/+14%) [kamp-2020]: 0.12 = the narrower side in AUC terms (1 - 79/90)",
    "source": "Pharmacotherapy 2022 [pharmacotherapy-2022 Table 6]; tolerance from Kamp 2020 [kamp-2020]",
    "expect": "pass",
    "basis": "independent"
  },
  {
    "id": "V18-clements-1981",
    "profile": "clements-1981",
    "description": "Whole-literature clearance 79 L/h/70 kg expressed as AUC to infinity after 10 mg IV at 70 kg: 10 mg / 79 L/h = 126.6 ng*h/mL [calc]",
    "route": "iv-bolus",
    "doseMg": 10,
    "weightKg": 70,
    "metric": "aucinf",
    "published": 126.6,
    "unit": "ng*h/mL",
    "tolerance": 0.12,
    "toleranceReason": "Kamp 2020 95% CI of the mean CL, 69-90 L/h/70 kg [kamp-2020]: in AUC terms 111-145 ng*h/mL; 0.12 = the narrower side (1 - 79/90)",
    "source": "Kamp 2020 meta-analysis [kamp-2020]",
    "expect": "pass",
    "basis": "independent"
  },
  {
    "id": "V18-domino-1982",
    "profile": "domino-1982",
    "description": "Whole-literature clearance 79 L/h/70 kg expressed as AUC to infinity after 10 mg IV at 70 kg: 10 mg / 79 L/h = 126.6 ng*h/mL [calc]",
    "route": "iv-bolus",
    "doseMg": 10,
    "weightKg": 70,
    "metric": "aucinf",
    "published": 126.6,
    "unit": "ng*h/mL",
    "tolerance": 0.12,
    "toleranceReason": "Kamp 2020 95% CI of the mean CL, 69-90 L/h/70 kg [kamp-2020]: in AUC terms 111-145 ng*h/mL; 0.12 = the narrower side (1 - 79/90)",
    "source": "Kamp 2020 meta-analysis [kamp-2020]",
    "expect": "miss",
    "missReason": "Domino CL 116 L/h at 70 kg (UNCONFIRMED micro-constants) lies outside the Kamp 2020 95% CI of 69-90 L/h/70 kg [kamp-2020]",
    "basis": "independent"
  },
  {
    "id": "V3-nk-clements-1981",
    "profile": "clements-1981",
    "description": "Racemic 10 mg IV bolus: norketamine Cmax (~27 ng/mL at 30 min)",
    "route": "iv-bolus",
    "doseMg": 10,
    "weightKg": 70,
    "metric": "cmax",
    "output": "CM",
    "published": 27,
    "unit": "ng/mL",
    "tolerance": 0.415,
    "toleranceReason": "No dispersion published for norketamine; the parent Cmax geometric SD of the same study (1.71) is used as a proxy, narrower side 0.415",
    "source": "Pharmacotherapy 2022 [pharmacotherapy-2022 Table 6] (printed '2.8', Cmax/D 2.7 and NK/K ratio 0.089 imply ~27)",
    "expect": "miss",
    "missReason": "No racemic norketamine disposition was found: clements-1981 borrows Otto's S-norketamine set [otto-2021] and FM 0.8 [simons-2022a] (both UNCONFIRMED assumptions), which puts the norketamine peak ~44% below the observed ~27 ng/mL",
    "basis": "independent"
  },
  {
    "id": "V5-sl-clements-1981",
    "profile": "clements-1981",
    "description": "Racemic 25 mg sublingual, neuropathic pain inpatients: ketamine Cmax",
    "route": "sl",
    "doseMg": 25,
    "weightKg": 70,
    "metric": "cmax",
    "published": 28.6,
    "unit": "ng/mL",
    "tolerance": 0.231,
    "toleranceReason": "Published mean +- SD 28.6 +- 6.6 ng/mL: tolerance = SD/mean",
    "source": "Chong 2006 [chong-2006]",
    "expect": "miss",
    "missReason": "The profile's F_SL 0.29 is Rolan 2014's wafer [rolan-2014]; Chong's own SL F was 0.32 +/- 0.17 [chong-2006] (that alone gives ~23 ng/mL, -18%); the rest is Clements' large V1 blunting absorption peaks and the unknown weights of 6 inpatients (70 kg assumed). F_SL keeps its cited source, not tuned",
    "basis": "independent"
  },
  {
    "id": "V5-po-clements-1981",
    "profile": "clements-1981",
    "description": "Racemic 25 mg oral, neuropathic pain inpatients: ketamine Cmax",
    "route": "po",
    "doseMg": 25,
    "weightKg": 70,
    "metric": "cmax",
    "published": 22.8,
    "unit": "ng/mL",
    "tolerance": 0.561,
    "toleranceReason": "Published mean +- SD 22.8 +- 12.8 ng/mL: tolerance = SD/mean",
    "source": "Chong 2006 [chong-2006]",
    "expect": "pass",
    "basis": "independent"
  },
  {
    "id": "V6-clements-1981",
    "profile": "clements-1981",
    "description": "Racemic 0.5 mg/kg oral, 70 kg: ketamine Cmax",
    "route": "po",
    "doseMgPerKg": 0.5,
    "weightKg": 70,
    "metric": "cmax",
    "published": 45,
    "unit": "ng/mL",
    "tolerance": 0.222,
    "toleranceReason": "Published mean +- SD 45 +- 10 ng/mL: tolerance = SD/mean",
    "source": "Grant 1981 [grant-1981] via Zanos 2018 [zanos-2018 Table 1]",
    "expect": "miss",
    "missReason": "With F_PO 0.20 (Yanagihara 2003 [yanagihara-2003], n = 3; reviews 0.17-0.20) this disposition gives ~17 ng/mL; Grant 1981's 45 +/- 10 would need F ~0.5 (close to the children's 0.45 of Brunette 2011 [brunette-2011]): the published oral F values conflict and the profile keeps the cited adult value",
    "basis": "independent"
  },
  {
    "id": "V10-28-cmax",
    "profile": "perez-ruixo-2021",
    "description": "Esketamine 28 mg nasal (one session): esketamine Cmax",
    "route": "in",
    "doseMg": 28,
    "metric": "cmax",
    "published": 43.8,
    "unit": "ng/mL",
    "tolerance": 0.1,
    "toleranceReason": "Table 4 values are typical-value predictions of the same model, not data: a faithful implementation can differ only by rounding of the 3-significant-figure parameters and the summary used (a literal implementation reproduced esketamine within ~4%, noresketamine Cmax within ~2% [perez-ruixo-2021]); 10% allows that and stays far inside the published residual SDs (27.6% / 42.2%)",
    "source": "[perez-ruixo-2021 Table 4] via nlmixr2lib: Caucasian 18-60 y, typical subject",
    "expect": "pass",
    "basis": "fitted"
  },
  {
    "id": "V10-28-auc",
    "profile": "perez-ruixo-2021",
    "description": "Esketamine 28 mg nasal: esketamine AUC0-24",
    "route": "in",
    "doseMg": 28,
    "metric": "auc",
    "untilH": 24,
    "published": 147.3,
    "unit": "ng*h/mL",
    "tolerance": 0.1,
    "toleranceReason": "Table 4 values are typical-value predictions of the same model, not data: a faithful implementation can differ only by rounding of the 3-significant-figure parameters and the summary used (a literal implementation reproduced esketamine within ~4%, noresketamine Cmax within ~2% [perez-ruixo-2021]); 10% allows that and stays far inside the published residual SDs (27.6% / 42.2%)",
    "source": "[perez-ruixo-2021 Table 4] via nlmixr2lib: Caucasian 18-60 y, typical subject",
    "expect": "pass",
    "basis": "fitted"
  },
  {
    "id": "V10-28-nk-cmax",
    "profile": "perez-ruixo-2021",
    "description": "Esketamine 28 mg nasal: noresketamine Cmax",
    "route": "in",
    "doseMg": 28,
    "metric": "cmax",
    "output": "CM",
    "published": 59.1,
    "unit": "ng/mL",
    "tolerance": 0.1,
    "toleranceReason": "Table 4 values are typical-value predictions of the same model, not data: a faithful implementation can differ only by rounding of the 3-significant-figure parameters and the summary used (a literal implementation reproduced esketamine within ~4%, noresketamine Cmax within ~2% [perez-ruixo-2021]); 10% allows that and stays far inside the published residual SDs (27.6% / 42.2%)",
    "source": "[perez-ruixo-2021 Table 4] via nlmixr2lib: Caucasian 18-60 y, typical subject",
    "expect": "pass",
    "basis": "fitted"
  },
  {
    "id": "V10-28-nk-auc",
    "profile": "perez-ruixo-2021",
    "description": "Esketamine 28 mg nasal: noresketamine AUC0-24",
    "route": "in",
    "doseMg": 28,
    "metric": "auc",
    "output": "CM",
    "untilH": 24,
    "published": 274.4,
    "unit": "ng*h/mL",
    "tolerance": 0.1,
    "toleranceReason": "Table 4 values are typical-value predictions of the same model, not data: a faithful implementation can differ only by rounding of the 3-significant-figure parameters and the summary used (a literal implementation reproduced esketamine within ~4%, noresketamine Cmax within ~2% [perez-ruixo-2021]); 10% allows that and stays far inside the published residual SDs (27.6% / 42.2%)",
    "source": "[perez-ruixo-2021 Table 4] via nlmixr2lib: Caucasian 18-60 y, typical subject",
    "expect": "miss",
    "missReason": "Known discrepancy of the published parameter set (reported with the nlmixr2lib transcription [perez-ruixo-2021]): a literal implementation over-predicts noresketamine AUC0-24 by ~1.4-1.56x while matching Cmax; published values kept, not tuned (see profile notes)",
    "basis": "fitted"
  },
  {
    "id": "V10-56-cmax",
    "profile": "perez-ruixo-2021",
    "description": "Esketamine 56 mg nasal (one session): esketamine Cmax",
    "route": "in",
    "doseMg": 56,
    "metric": "cmax",
    "published": 72.5,
    "unit": "ng/mL",
    "tolerance": 0.1,
    "toleranceReason": "Table 4 values are typical-value predictions of the same model, not data: a faithful implementation can differ only by rounding of the 3-significant-figure parameters and the summary used (a literal implementation reproduced esketamine within ~4%, noresketamine Cmax within ~2% [perez-ruixo-2021]); 10% allows that and stays far inside the published residual SDs (27.6% / 42.2%)",
    "source": "[perez-ruixo-2021 Table 4] via nlmixr2lib: Caucasian 18-60 y, typical subject",
    "expect": "pass",
    "basis": "fitted"
  },
  {
    "id": "V10-56-auc",
    "profile": "perez-ruixo-2021",
    "description": "Esketamine 56 mg nasal: esketamine AUC0-24",
    "route": "in",
    "doseMg": 56,
    "metric": "auc",
    "untilH": 24,
    "published": 254.7,
    "unit": "ng*h/mL",
    "tolerance": 0.1,
    "toleranceReason": "Table 4 values are typical-value predictions of the same model, not data: a faithful implementation can differ only by rounding of the 3-significant-figure parameters and the summary used (a literal implementation reproduced esketamine within ~4%, noresketamine Cmax within ~2% [perez-ruixo-2021]); 10% allows that and stays far inside the published residual SDs (27.6% / 42.2%)",
    "source": "[perez-ruixo-2021 Table 4] via nlmixr2lib: Caucasian 18-60 y, typical subject",
    "expect": "pass",
    "basis": "fitted"
  },
  {
    "id": "V10-56-nk-cmax",
    "profile": "perez-ruixo-2021",
    "description": "Esketamine 56 mg nasal: noresketamine Cmax",
    "route": "in",
    "doseMg": 56,
    "metric": "cmax",
    "output": "CM",
    "published": 119.7,
    "unit": "ng/mL",
    "tolerance": 0.1,
    "toleranceReason": "Table 4 values are typical-value predictions of the same model, not data: a faithful implementation can differ only by rounding of the 3-significant-figure parameters and the summary used (a literal implementation reproduced esketamine within ~4%, noresketamine Cmax within ~2% [perez-ruixo-2021]); 10% allows that and stays far inside the published residual SDs (27.6% / 42.2%)",
    "source": "[perez-ruixo-2021 Table 4] via nlmixr2lib: Caucasian 18-60 y, typical subject",
    "expect": "pass",
    "basis": "fitted"
  },
  {
    "id": "V10-56-nk-auc",
    "profile": "perez-ruixo-2021",
    "description": "Esketamine 56 mg nasal: noresketamine AUC0-24",
    "route": "in",
    "doseMg": 56,
    "metric": "auc",
    "output": "CM",
    "untilH": 24,
    "published": 516.3,
    "unit": "ng*h/mL",
    "tolerance": 0.1,
    "toleranceReason": "Table 4 values are typical-value predictions of the same model, not data: a faithful implementation can differ only by rounding of the 3-significant-figure parameters and the summary used (a literal implementation reproduced esketamine within ~4%, noresketamine Cmax within ~2% [perez-ruixo-2021]); 10% allows that and stays far inside the published residual SDs (27.6% / 42.2%)",
    "source": "[perez-ruixo-2021 Table 4] via nlmixr2lib: Caucasian 18-60 y, typical subject",
    "expect": "miss",
    "missReason": "Known discrepancy of the published parameter set (reported with the nlmixr2lib transcription [perez-ruixo-2021]): a literal implementation over-predicts noresketamine AUC0-24 by ~1.4-1.56x while matching Cmax; published values kept, not tuned (see profile notes)",
    "basis": "fitted"
  },
  {
    "id": "V10-84-cmax",
    "profile": "perez-ruixo-2021",
    "description": "Esketamine 84 mg nasal (one session): esketamine Cmax",
    "route": "in",
    "doseMg": 84,
    "metric": "cmax",
    "published": 101.0,
    "unit": "ng/mL",
    "tolerance": 0.1,
    "toleranceReason": "Table 4 values are typical-value predictions of the same model, not data: a faithful implementation can differ only by rounding of the 3-significant-figure parameters and the summary used (a literal implementation reproduced esketamine within ~4%, noresketamine Cmax within ~2% [perez-ruixo-2021]); 10% allows that and stays far inside the published residual SDs (27.6% / 42.2%)",
    "source": "[perez-ruixo-2021 Table 4] via nlmixr2lib: Caucasian 18-60 y, typical subject",
    "expect": "pass",
    "basis": "fitted"
  },
  {
    "id": "V10-84-auc",
    "profile": "perez-ruixo-2021",
    "description": "Esketamine 84 mg nasal: esketamine AUC0-24",
    "route": "in",
    "doseMg": 84,
    "metric": "auc",
    "untilH": 24,
    "published": 362.2,
    "unit": "ng*h/mL",
    "tolerance": 0.1,
    "toleranceReason": "Table 4 values are typical-value predictions of the same model, not data: a faithful implementation can differ only by rounding of the 3-significant-figure parameters and the summary used (a literal implementation reproduced esketamine within ~4%, noresketamine Cmax within ~2% [perez-ruixo-2021]); 10% allows that and stays far inside the published residual SDs (27.6% / 42.2%)",
    "source": "[perez-ruixo-2021 Table 4] via nlmixr2lib: Caucasian 18-60 y, typical subject",
    "expect": "pass",
    "basis": "fitted"
  },
  {
    "id": "V10-84-nk-cmax",
    "profile": "perez-ruixo-2021",
    "description": "Esketamine 84 mg nasal: noresketamine Cmax",
    "route": "in",
    "doseMg": 84,
    "metric": "cmax",
    "output": "CM",
    "published": 180.0,
    "unit": "ng/mL",
    "tolerance": 0.1,
    "toleranceReason": "Table 4 values are typical-value predictions of the same model, not data: a faithful implementation can differ only by rounding of the 3-significant-figure parameters and the summary used (a literal implementation reproduced esketamine within ~4%, noresketamine Cmax within ~2% [perez-ruixo-2021]); 10% allows that and stays far inside the published residual SDs (27.6% / 42.2%)",
    "source": "[perez-ruixo-2021 Table 4] via nlmixr2lib: Caucasian 18-60 y, typical subject",
    "expect": "pass",
    "basis": "fitted"
  },
  {
    "id": "V10-84-nk-auc",
    "profile": "perez-ruixo-2021",
    "description": "Esketamine 84 mg nasal: noresketamine AUC0-24",
    "route": "in",
    "doseMg": 84,
    "metric": "auc",
    "output": "CM",
    "untilH": 24,
    "published": 758.0,
    "unit": "ng*h/mL",
    "tolerance": 0.1,
    "toleranceReason": "Table 4 values are typical-value predictions of the same model, not data: a faithful implementation can differ only by rounding of the 3-significant-figure parameters and the summary used (a literal implementation reproduced esketamine within ~4%, noresketamine Cmax within ~2% [perez-ruixo-2021]); 10% allows that and stays far inside the published residual SDs (27.6% / 42.2%)",
    "source": "[perez-ruixo-2021 Table 4] via nlmixr2lib: Caucasian 18-60 y, typical subject",
    "expect": "miss",
    "missReason": "Known discrepancy of the published parameter set (reported with the nlmixr2lib transcription [perez-ruixo-2021]): a literal implementation over-predicts noresketamine AUC0-24 by ~1.4-1.56x while matching Cmax; published values kept, not tuned (see profile notes)",
    "basis": "fitted"
  },
  {
    "id": "V12-56-tmax",
    "profile": "perez-ruixo-2021",
    "description": "Esketamine 56 mg nasal: Tmax (label 20-40 min after the last spray; both devices dosed at t = 0 here)",
    "route": "in",
    "doseMg": 56,
    "metric": "tmax",
    "published": 0.5,
    "unit": "h",
    "tolerance": 0.3333,
    "toleranceReason": "The label's range itself: 20-40 min = 30 +- 10 min (relative 0.333)",
    "source": "Spravato US prescribing information [esketamine-us-label-2019]",
    "expect": "pass",
    "basis": "independent"
  },
  {
    "id": "V13-50-cmax",
    "profile": "simons-2022",
    "description": "S-ketamine thin film 50 mg sublingual/buccal: S-ketamine Cmax (arterial)",
    "route": "sl",
    "doseMg": 50,
    "metric": "cmax",
    "published": 96,
    "unit": "ng/mL",
    "tolerance": 0.34,
    "toleranceReason": "No published SD was found; one between-subject SD of log Cmax implied by the published variances of the parameters that set it: sqrt(nu^2 F1 0.060 + omega^2 VK1 0.057) = 0.34",
    "source": "Simons 2022 [simons-2022a Table 2] via the nlmixr2lib vignette; n = 20 healthy volunteers",
    "expect": "pass",
    "basis": "fitted"
  },
  {
    "id": "V13-50-auc",
    "profile": "simons-2022",
    "description": "S-ketamine thin film 50 mg: S-ketamine AUC0-6h; published 8363 ng*min/mL converted to ng*h/mL (/60) [calc]",
    "route": "sl",
    "doseMg": 50,
    "metric": "auc",
    "untilH": 6,
    "published": 139.38,
    "unit": "ng*h/mL",
    "tolerance": 0.3,
    "toleranceReason": "No published SD was found; one between-subject SD of log AUC implied by the published variances: sqrt(nu^2 F1 0.060 + omega^2 CLK1 0.029) = 0.30",
    "source": "Simons 2022 [simons-2022a Table 2] via the nlmixr2lib vignette; n = 20 healthy volunteers",
    "expect": "pass",
    "basis": "fitted"
  },
  {
    "id": "V13-50-nk-cmax",
    "profile": "simons-2022",
    "description": "S-ketamine thin film 50 mg: S-norketamine Cmax",
    "route": "sl",
    "doseMg": 50,
    "metric": "cmax",
    "output": "CM",
    "published": 276,
    "unit": "ng/mL",
    "tolerance": 0.4,
    "toleranceReason": "No published SD was found; one between-subject SD of log S-NK Cmax implied by the published variances: sqrt(nu^2 F2 0.057 + omega^2 VK1 0.057 + omega^2 CLN1 0.050) = 0.40",
    "source": "Simons 2022 [simons-2022a Table 2] via the nlmixr2lib vignette; n = 20 healthy volunteers",
    "expect": "pass",
    "basis": "fitted"
  },
  {
    "id": "V13-100-cmax",
    "profile": "simons-2022",
    "description": "S-ketamine thin film 100 mg sublingual/buccal: S-ketamine Cmax (arterial)",
    "route": "sl",
    "doseMg": 100,
    "metric": "cmax",
    "published": 144,
    "unit": "ng/mL",
    "tolerance": 0.34,
    "toleranceReason": "No published SD was found; one between-subject SD of log Cmax implied by the published variances of the parameters that set it: sqrt(nu^2 F1 0.060 + omega^2 VK1 0.057) = 0.34",
    "source": "Simons 2022 [simons-2022a Table 2] via the nlmixr2lib vignette; n = 20 healthy volunteers",
    "expect": "pass",
    "basis": "fitted"
  },
  {
    "id": "V13-100-auc",
    "profile": "simons-2022",
    "description": "S-ketamine thin film 100 mg: S-ketamine AUC0-6h; published 13347 ng*min/mL converted to ng*h/mL (/60) [calc]",
    "route": "sl",
    "doseMg": 100,
    "metric": "auc",
    "untilH": 6,
    "published": 222.45,
    "unit": "ng*h/mL",
    "tolerance": 0.3,
    "toleranceReason": "No published SD was found; one between-subject SD of log AUC implied by the published variances: sqrt(nu^2 F1 0.060 + omega^2 CLK1 0.029) = 0.30",
    "source": "Simons 2022 [simons-2022a Table 2] via the nlmixr2lib vignette; n = 20 healthy volunteers",
    "expect": "pass",
    "basis": "fitted"
  },
  {
    "id": "V13-100-nk-cmax",
    "profile": "simons-2022",
    "description": "S-ketamine thin film 100 mg: S-norketamine Cmax",
    "route": "sl",
    "doseMg": 100,
    "metric": "cmax",
    "output": "CM",
    "published": 426,
    "unit": "ng/mL",
    "tolerance": 0.4,
    "toleranceReason": "No published SD was found; one between-subject SD of log S-NK Cmax implied by the published variances: sqrt(nu^2 F2 0.057 + omega^2 VK1 0.057 + omega^2 CLN1 0.050) = 0.40",
    "source": "Simons 2022 [simons-2022a Table 2] via the nlmixr2lib vignette; n = 20 healthy volunteers",
    "expect": "pass",
    "basis": "fitted"
  },
  {
    "id": "V14a-simons-2022",
    "profile": "simons-2022",
    "description": "S-ketamine 20 mg IV over 20 min: arterial peak, occasion a (IV alone; the study gave it 6 h after a film)",
    "route": "iv",
    "doseMg": 20,
    "infusionMin": 20,
    "weightKg": 70,
    "metric": "cmax",
    "published": 273,
    "unit": "ng/mL",
    "tolerance": 0.24,
    "toleranceReason": "Published values are means with narrow intervals (259-287, 251-269) [simons-2024 p. 21]; individual spread is set mainly by the central volume: one SD of omega^2 VK1 0.057 [simons-2022a Table 4] = 0.24",
    "source": "Simons PhD thesis [simons-2024 p. 21]: arterial, two occasions",
    "expect": "pass",
    "basis": "fitted"
  },
  {
    "id": "V14a-fanta-otto-2021",
    "profile": "fanta-otto-2021",
    "description": "S-ketamine 20 mg IV over 20 min: arterial peak, occasion a, on a venous-sampled model",
    "route": "iv",
    "doseMg": 20,
    "infusionMin": 20,
    "weightKg": 70,
    "metric": "cmax",
    "published": 273,
    "unit": "ng/mL",
    "tolerance": 0.24,
    "toleranceReason": "Published values are means with narrow intervals (259-287, 251-269) [simons-2024 p. 21]; individual spread is set mainly by the central volume: one SD of omega^2 VK1 0.057 [simons-2022a Table 4] = 0.24",
    "source": "Simons PhD thesis [simons-2024 p. 21]: arterial, two occasions",
    "expect": "miss",
    "missReason": "Venous-sampled model (V1 133 L) against arterial data: arterial concentrations exceed venous during an infusion (Henthorn 2018 [henthorn-2018]) and arterial-sampled models with small V1 give higher early concentrations (Otto 2021 [otto-2021]); the gap is expected from the sampling site",
    "basis": "independent"
  },
  {
    "id": "V14b-simons-2022",
    "profile": "simons-2022",
    "description": "S-ketamine 20 mg IV over 20 min: arterial peak, occasion b (IV alone; the study gave it 6 h after a film)",
    "route": "iv",
    "doseMg": 20,
    "infusionMin": 20,
    "weightKg": 70,
    "metric": "cmax",
    "published": 260,
    "unit": "ng/mL",
    "tolerance": 0.24,
    "toleranceReason": "Published values are means with narrow intervals (259-287, 251-269) [simons-2024 p. 21]; individual spread is set mainly by the central volume: one SD of omega^2 VK1 0.057 [simons-2022a Table 4] = 0.24",
    "source": "Simons PhD thesis [simons-2024 p. 21]: arterial, two occasions",
    "expect": "pass",
    "basis": "fitted"
  },
  {
    "id": "V14b-fanta-otto-2021",
    "profile": "fanta-otto-2021",
    "description": "S-ketamine 20 mg IV over 20 min: arterial peak, occasion b, on a venous-sampled model",
    "route": "iv",
    "doseMg": 20,
    "infusionMin": 20,
    "weightKg": 70,
    "metric": "cmax",
    "published": 260,
    "unit": "ng/mL",
    "tolerance": 0.24,
    "toleranceReason": "Published values are means with narrow intervals (259-287, 251-269) [simons-2024 p. 21]; individual spread is set mainly by the central volume: one SD of omega^2 VK1 0.057 [simons-2022a Table 4] = 0.24",
    "source": "Simons PhD thesis [simons-2024 p. 21]: arterial, two occasions",
    "expect": "miss",
    "missReason": "Venous-sampled model (V1 133 L) against arterial data: arterial concentrations exceed venous during an infusion (Henthorn 2018 [henthorn-2018]) and arterial-sampled models with small V1 give higher early concentrations (Otto 2021 [otto-2021]); the gap is expected from the sampling site",
    "basis": "independent"
  },
  {
    "id": "Y03-thalf-clements-1981",
    "profile": "clements-1981",
    "description": "Racemic 20 mg injection, 3 adult volunteers: terminal half-life ~120 min",
    "route": "iv-bolus",
    "doseMg": 20,
    "weightKg": 70,
    "metric": "thalf",
    "published": 2.0,
    "unit": "h",
    "tolerance": 0.5,
    "toleranceReason": "no spread published (median or mean of a few subjects): the fixed +/-50% used for every figure without a published spread, not chosen per case",
    "source": "Yanagihara 2003 [yanagihara-2003] (abstract; route of the injection UNCONFIRMED, taken as IV)",
    "expect": "miss",
    "missReason": "The Clements disposition (UNCONFIRMED micro-constants) has a terminal half-life of ~183 min [calc]; 3 volunteers gave ~120 min [yanagihara-2003].",
    "basis": "independent"
  },
  {
    "id": "C06-iv-nk-cmax-clements-1981",
    "profile": "clements-1981",
    "description": "Racemic 10 mg IV, 6 inpatients: norketamine Cmax",
    "route": "iv-bolus",
    "doseMg": 10,
    "weightKg": 70,
    "metric": "cmax",
    "output": "CM",
    "published": 38,
    "unit": "ng/mL",
    "tolerance": 0.763,
    "toleranceReason": "+/-1 SD (38 +/- 29)",
    "source": "Chong 2006 [chong-2006]",
    "expect": "pass",
    "basis": "independent"
  },
  {
    "id": "C06-iv-nk-tmax-clements-1981",
    "profile": "clements-1981",
    "description": "Racemic 10 mg IV, 6 inpatients: norketamine Tmax",
    "route": "iv-bolus",
    "doseMg": 10,
    "weightKg": 70,
    "metric": "tmax",
    "output": "CM",
    "published": 0.6,
    "unit": "h",
    "tolerance": 0.95,
    "toleranceReason": "+/-1 SD (0.6 +/- 0.7 h), capped at 95%",
    "source": "Chong 2006 [chong-2006]",
    "expect": "pass",
    "basis": "independent"
  },
  {
    "id": "C06-iv-nk-auc-clements-1981",
    "profile": "clements-1981",
    "description": "Racemic 10 mg IV, 6 inpatients: norketamine AUC0-8h (AUC/dose x dose)",
    "route": "iv-bolus",
    "doseMg": 10,
    "weightKg": 70,
    "metric": "auc",
    "output": "CM",
    "untilH": 8,
    "published": 130,
    "unit": "ng*h/mL",
    "tolerance": 0.531,
    "toleranceReason": "+/-1 SD of AUC/dose (13.0 +/- 6.9)",
    "source": "Chong 2006 [chong-2006] (AUC/dose read from a garbled abstract table: UNCONFIRMED reading)",
    "expect": "pass",
    "basis": "independent"
  },
  {
    "id": "IM84-05-cmax-clements-1981",
    "profile": "clements-1981",
    "description": "Racemic 0.5 mg/kg IM, adult emergency patients: median peak",
    "route": "im",
    "doseMgPerKg": 0.5,
    "weightKg": 70,
    "metric": "cmax",
    "published": 147,
    "unit": "ng/mL",
    "tolerance": 0.5,
    "toleranceReason": "no spread published (median or mean of a few subjects): the fixed +/-50% used for every figure without a published spread, not chosen per case",
    "source": "[im-analgesia-1984]",
    "expect": "pass",
    "basis": "independent"
  },
  {
    "id": "IM84-05-tmax-clements-1981",
    "profile": "clements-1981",
    "description": "Racemic 0.5 mg/kg IM, adult emergency patients: time of the median peak",
    "route": "im",
    "doseMgPerKg": 0.5,
    "weightKg": 70,
    "metric": "tmax",
    "published": 0.5,
    "unit": "h",
    "tolerance": 0.5,
    "toleranceReason": "no spread published (median or mean of a few subjects): the fixed +/-50% used for every figure without a published spread, not chosen per case",
    "source": "[im-analgesia-1984]",
    "expect": "miss",
    "missReason": "KA_IM was fitted to a second-hand Tmax of 5-15 min [clements-1982]; adult emergency patients peaked at 30 min (median) [im-analgesia-1984].",
    "basis": "independent"
  },
  {
    "id": "IM84-10-cmax-clements-1981",
    "profile": "clements-1981",
    "description": "Racemic 1.0 mg/kg IM, adult emergency patients: median peak",
    "route": "im",
    "doseMgPerKg": 1.0,
    "weightKg": 70,
    "metric": "cmax",
    "published": 474,
    "unit": "ng/mL",
    "tolerance": 0.5,
    "toleranceReason": "no spread published (median or mean of a few subjects): the fixed +/-50% used for every figure without a published spread, not chosen per case",
    "source": "[im-analgesia-1984]",
    "expect": "pass",
    "basis": "independent"
  },
  {
    "id": "IM84-10-tmax-clements-1981",
    "profile": "clements-1981",
    "description": "Racemic 1.0 mg/kg IM, adult emergency patients: time of the median peak",
    "route": "im",
    "doseMgPerKg": 1.0,
    "weightKg": 70,
    "metric": "tmax",
    "published": 0.25,
    "unit": "h",
    "tolerance": 0.5,
    "toleranceReason": "no spread published (median or mean of a few subjects): the fixed +/-50% used for every figure without a published spread, not chosen per case",
    "source": "[im-analgesia-1984]",
    "expect": "pass",
    "basis": "independent"
  },
  {
    "id": "PT22-in10-cmax-clements-1981",
    "profile": "clements-1981",
    "description": "Racemic 10 mg IN, adults (study with IV arm): ketamine Cmax",
    "route": "in",
    "doseMg": 10,
    "weightKg": 70,
    "metric": "cmax",
    "published": 22.9,
    "unit": "ng/mL",
    "tolerance": 0.492,
    "toleranceReason": "1 geometric SD (1.97), lower side: 1 - 1/1.97",
    "source": "[pharmacotherapy-2022 Table 6]",
    "expect": "pass",
    "basis": "independent"
  },
  {
    "id": "PT22-in10-auc-clements-1981",
    "profile": "clements-1981",
    "description": "Racemic 10 mg IN, adults: ketamine AUC (window not stated; taken as 0-24 h)",
    "route": "in",
    "doseMg": 10,
    "weightKg": 70,
    "metric": "auc",
    "untilH": 24,
    "published": 19,
    "unit": "ng*h/mL",
    "tolerance": 0.492,
    "toleranceReason": "AUC spread not printed: the Cmax geometric SD of the arm (1.97), lower side",
    "source": "[pharmacotherapy-2022 Table 6]",
    "expect": "miss",
    "missReason": "F_IN 0.45 comes from 3 volunteers [yanagihara-2003]; this adult study with its own IV arm found F 0.11-0.17 [pharmacotherapy-2022 Table 6]: IN exposure is 3-4x too high.",
    "basis": "independent"
  },
  {
    "id": "PT22-in10-tmax-clements-1981",
    "profile": "clements-1981",
    "description": "Racemic 10 mg IN, adults: ketamine Tmax",
    "route": "in",
    "doseMg": 10,
    "weightKg": 70,
    "metric": "tmax",
    "published": 0.3833,
    "unit": "h",
    "tolerance": 0.667,
    "toleranceReason": "1 geometric SD (3.0), lower side",
    "source": "[pharmacotherapy-2022 Table 6]",
    "expect": "pass",
    "basis": "fitted"
  },
  {
    "id": "PT22-in10-nk-cmax-clements-1981",
    "profile": "clements-1981",
    "description": "Racemic 10 mg IN, adults: norketamine Cmax",
    "route": "in",
    "doseMg": 10,
    "weightKg": 70,
    "metric": "cmax",
    "output": "CM",
    "published": 17.8,
    "unit": "ng/mL",
    "tolerance": 0.471,
    "toleranceReason": "1 geometric SD (1.89), lower side",
    "source": "[pharmacotherapy-2022 Table 6]",
    "expect": "miss",
    "missReason": "No swallowed fraction or first pass after IN, and the borrowed S-norketamine volume (98.6 L [otto-2021]): norketamine after IN is under-predicted.",
    "basis": "independent"
  },
  {
    "id": "PT22-in10-nk-tmax-clements-1981",
    "profile": "clements-1981",
    "description": "Racemic 10 mg IN, adults: norketamine Tmax",
    "route": "in",
    "doseMg": 10,
    "weightKg": 70,
    "metric": "tmax",
    "output": "CM",
    "published": 1.3167,
    "unit": "h",
    "tolerance": 0.462,
    "toleranceReason": "1 geometric SD (1.86), lower side",
    "source": "[pharmacotherapy-2022 Table 6]",
    "expect": "pass",
    "basis": "independent"
  },
  {
    "id": "PT22-in30-cmax-clements-1981",
    "profile": "clements-1981",
    "description": "Racemic 30 mg IN, adults (study with IV arm): ketamine Cmax",
    "route": "in",
    "doseMg": 30,
    "weightKg": 70,
    "metric": "cmax",
    "published": 60.8,
    "unit": "ng/mL",
    "tolerance": 0.474,
    "toleranceReason": "1 geometric SD (1.9), lower side: 1 - 1/1.9",
    "source": "[pharmacotherapy-2022 Table 6]",
    "expect": "pass",
    "basis": "independent"
  },
  {
    "id": "PT22-in30-auc-clements-1981",
    "profile": "clements-1981",
    "description": "Racemic 30 mg IN, adults: ketamine AUC (window not stated; taken as 0-24 h)",
    "route": "in",
    "doseMg": 30,
    "weightKg": 70,
    "metric": "auc",
    "untilH": 24,
    "published": 46,
    "unit": "ng*h/mL",
    "tolerance": 0.474,
    "toleranceReason": "AUC spread not printed: the Cmax geometric SD of the arm (1.9), lower side",
    "source": "[pharmacotherapy-2022 Table 6]",
    "expect": "miss",
    "missReason": "F_IN 0.45 comes from 3 volunteers [yanagihara-2003]; this adult study with its own IV arm found F 0.11-0.17 [pharmacotherapy-2022 Table 6]: IN exposure is 3-4x too high.",
    "basis": "independent"
  },
  {
    "id": "PT22-in30-tmax-clements-1981",
    "profile": "clements-1981",
    "description": "Racemic 30 mg IN, adults: ketamine Tmax",
    "route": "in",
    "doseMg": 30,
    "weightKg": 70,
    "metric": "tmax",
    "published": 0.2333,
    "unit": "h",
    "tolerance": 0.737,
    "toleranceReason": "1 geometric SD (3.8), lower side",
    "source": "[pharmacotherapy-2022 Table 6]",
    "expect": "pass",
    "basis": "fitted"
  },
  {
    "id": "PT22-in30-nk-cmax-clements-1981",
    "profile": "clements-1981",
    "description": "Racemic 30 mg IN, adults: norketamine Cmax",
    "route": "in",
    "doseMg": 30,
    "weightKg": 70,
    "metric": "cmax",
    "output": "CM",
    "published": 68.1,
    "unit": "ng/mL",
    "tolerance": 0.444,
    "toleranceReason": "1 geometric SD (1.8), lower side",
    "source": "[pharmacotherapy-2022 Table 6]",
    "expect": "miss",
    "missReason": "No swallowed fraction or first pass after IN, and the borrowed S-norketamine volume (98.6 L [otto-2021]): norketamine after IN is under-predicted.",
    "basis": "independent"
  },
  {
    "id": "PT22-in30-nk-tmax-clements-1981",
    "profile": "clements-1981",
    "description": "Racemic 30 mg IN, adults: norketamine Tmax",
    "route": "in",
    "doseMg": 30,
    "weightKg": 70,
    "metric": "tmax",
    "output": "CM",
    "published": 1.0,
    "unit": "h",
    "tolerance": 0.432,
    "toleranceReason": "1 geometric SD (1.76), lower side",
    "source": "[pharmacotherapy-2022 Table 6]",
    "expect": "pass",
    "basis": "independent"
  },
  {
    "id": "PT22-in30-nk-auc-clements-1981",
    "profile": "clements-1981",
    "description": "Racemic 30 mg IN, adults: norketamine AUC (window not stated; taken as 0-24 h)",
    "route": "in",
    "doseMg": 30,
    "weightKg": 70,
    "metric": "auc",
    "output": "CM",
    "untilH": 24,
    "published": 181,
    "unit": "ng*h/mL",
    "tolerance": 0.444,
    "toleranceReason": "AUC spread not printed: the norketamine Cmax geometric SD of the arm (1.8), lower side",
    "source": "[pharmacotherapy-2022 Table 6]",
    "expect": "pass",
    "basis": "independent"
  },
  {
    "id": "PT22-in50-cmax-clements-1981",
    "profile": "clements-1981",
    "description": "Racemic 50 mg IN, adults (study with IV arm): ketamine Cmax",
    "route": "in",
    "doseMg": 50,
    "weightKg": 70,
    "metric": "cmax",
    "published": 77.6,
    "unit": "ng/mL",
    "tolerance": 0.563,
    "toleranceReason": "1 geometric SD (2.29), lower side: 1 - 1/2.29",
    "source": "[pharmacotherapy-2022 Table 6]",
    "expect": "pass",
    "basis": "independent"
  },
  {
    "id": "PT22-in50-auc-clements-1981",
    "profile": "clements-1981",
    "description": "Racemic 50 mg IN, adults: ketamine AUC (window not stated; taken as 0-24 h)",
    "route": "in",
    "doseMg": 50,
    "weightKg": 70,
    "metric": "auc",
    "untilH": 24,
    "published": 64,
    "unit": "ng*h/mL",
    "tolerance": 0.563,
    "toleranceReason": "AUC spread not printed: the Cmax geometric SD of the arm (2.29), lower side",
    "source": "[pharmacotherapy-2022 Table 6]",
    "expect": "miss",
    "missReason": "F_IN 0.45 comes from 3 volunteers [yanagihara-2003]; this adult study with its own IV arm found F 0.11-0.17 [pharmacotherapy-2022 Table 6]: IN exposure is 3-4x too high.",
    "basis": "independent"
  },
  {
    "id": "PT22-in50-tmax-clements-1981",
    "profile": "clements-1981",
    "description": "Racemic 50 mg IN, adults: ketamine Tmax",
    "route": "in",
    "doseMg": 50,
    "weightKg": 70,
    "metric": "tmax",
    "published": 0.2667,
    "unit": "h",
    "tolerance": 0.773,
    "toleranceReason": "1 geometric SD (4.4), lower side",
    "source": "[pharmacotherapy-2022 Table 6]",
    "expect": "pass",
    "basis": "fitted"
  },
  {
    "id": "PT22-in50-nk-cmax-clements-1981",
    "profile": "clements-1981",
    "description": "Racemic 50 mg IN, adults: norketamine Cmax",
    "route": "in",
    "doseMg": 50,
    "weightKg": 70,
    "metric": "cmax",
    "output": "CM",
    "published": 105,
    "unit": "ng/mL",
    "tolerance": 0.387,
    "toleranceReason": "1 geometric SD (1.63), lower side",
    "source": "[pharmacotherapy-2022 Table 6]",
    "expect": "miss",
    "missReason": "No swallowed fraction or first pass after IN, and the borrowed S-norketamine volume (98.6 L [otto-2021]): norketamine after IN is under-predicted.",
    "basis": "independent"
  },
  {
    "id": "PT22-in50-nk-tmax-clements-1981",
    "profile": "clements-1981",
    "description": "Racemic 50 mg IN, adults: norketamine Tmax",
    "route": "in",
    "doseMg": 50,
    "weightKg": 70,
    "metric": "tmax",
    "output": "CM",
    "published": 0.9333,
    "unit": "h",
    "tolerance": 0.454,
    "toleranceReason": "1 geometric SD (1.83), lower side",
    "source": "[pharmacotherapy-2022 Table 6]",
    "expect": "pass",
    "basis": "independent"
  },
  {
    "id": "PT22-in50-nk-auc-clements-1981",
    "profile": "clements-1981",
    "description": "Racemic 50 mg IN, adults: norketamine AUC (window not stated; taken as 0-24 h)",
    "route": "in",
    "doseMg": 50,
    "weightKg": 70,
    "metric": "auc",
    "output": "CM",
    "untilH": 24,
    "published": 291,
    "unit": "ng*h/mL",
    "tolerance": 0.387,
    "toleranceReason": "AUC spread not printed: the norketamine Cmax geometric SD of the arm (1.63), lower side",
    "source": "[pharmacotherapy-2022 Table 6]",
    "expect": "pass",
    "basis": "independent"
  },
  {
    "id": "C06-po-tmax-clements-1981",
    "profile": "clements-1981",
    "description": "Racemic 25 mg oral, 6 inpatients: ketamine Tmax",
    "route": "po",
    "doseMg": 25,
    "weightKg": 70,
    "metric": "tmax",
    "published": 0.96,
    "unit": "h",
    "tolerance": 0.833,
    "toleranceReason": "+/-1 SD (0.96 +/- 0.8 h)",
    "source": "Chong 2006 [chong-2006]",
    "expect": "pass",
    "basis": "fitted"
  },
  {
    "id": "C06-po-auc-clements-1981",
    "profile": "clements-1981",
    "description": "Racemic 25 mg oral, 6 inpatients: ketamine AUC0-8h (AUC/dose x dose)",
    "route": "po",
    "doseMg": 25,
    "weightKg": 70,
    "metric": "auc",
    "untilH": 8,
    "published": 77.5,
    "unit": "ng*h/mL",
    "tolerance": 0.226,
    "toleranceReason": "+/-1 SD of AUC/dose (3.1 +/- 0.7)",
    "source": "Chong 2006 [chong-2006] (AUC/dose read from a garbled abstract table: UNCONFIRMED reading)",
    "expect": "miss",
    "missReason": "F_PO 0.20 (3 volunteers [yanagihara-2003]) is below the 0.23 of this study, and AUC0-8h is read against the Clements CL: under-predicted.",
    "basis": "independent"
  },
  {
    "id": "C06-po-nk-cmax-clements-1981",
    "profile": "clements-1981",
    "description": "Racemic 25 mg oral, 6 inpatients: norketamine Cmax",
    "route": "po",
    "doseMg": 25,
    "weightKg": 70,
    "metric": "cmax",
    "output": "CM",
    "published": 82,
    "unit": "ng/mL",
    "tolerance": 0.415,
    "toleranceReason": "+/-1 SD (82 +/- 34)",
    "source": "Chong 2006 [chong-2006]",
    "expect": "miss",
    "missReason": "The borrowed S-norketamine disposition (VM 98.6 L, CLM 57.7 L/h [otto-2021]) under-predicts racemic norketamine.",
    "basis": "independent"
  },
  {
    "id": "C06-po-nk-tmax-clements-1981",
    "profile": "clements-1981",
    "description": "Racemic 25 mg oral, 6 inpatients: norketamine Tmax",
    "route": "po",
    "doseMg": 25,
    "weightKg": 70,
    "metric": "tmax",
    "output": "CM",
    "published": 1.6,
    "unit": "h",
    "tolerance": 0.562,
    "toleranceReason": "+/-1 SD (1.6 +/- 0.9 h)",
    "source": "Chong 2006 [chong-2006]",
    "expect": "pass",
    "basis": "independent"
  },
  {
    "id": "C06-po-nk-auc-clements-1981",
    "profile": "clements-1981",
    "description": "Racemic 25 mg oral, 6 inpatients: norketamine AUC0-8h (AUC/dose x dose)",
    "route": "po",
    "doseMg": 25,
    "weightKg": 70,
    "metric": "auc",
    "output": "CM",
    "untilH": 8,
    "published": 302.5,
    "unit": "ng*h/mL",
    "tolerance": 0.438,
    "toleranceReason": "+/-1 SD of AUC/dose (12.1 +/- 5.3)",
    "source": "Chong 2006 [chong-2006] (AUC/dose read from a garbled abstract table: UNCONFIRMED reading)",
    "expect": "miss",
    "missReason": "The borrowed S-norketamine disposition (VM 98.6 L, CLM 57.7 L/h [otto-2021]) under-predicts racemic norketamine.",
    "basis": "independent"
  },
  {
    "id": "C06-sl-tmax-clements-1981",
    "profile": "clements-1981",
    "description": "Racemic 25 mg sublingual, 6 inpatients: ketamine Tmax",
    "route": "sl",
    "doseMg": 25,
    "weightKg": 70,
    "metric": "tmax",
    "published": 0.76,
    "unit": "h",
    "tolerance": 0.671,
    "toleranceReason": "+/-1 SD (0.76 +/- 0.51 h)",
    "source": "Chong 2006 [chong-2006]",
    "expect": "pass",
    "basis": "fitted"
  },
  {
    "id": "C06-sl-auc-clements-1981",
    "profile": "clements-1981",
    "description": "Racemic 25 mg sublingual, 6 inpatients: ketamine AUC0-8h (AUC/dose x dose)",
    "route": "sl",
    "doseMg": 25,
    "weightKg": 70,
    "metric": "auc",
    "untilH": 8,
    "published": 100,
    "unit": "ng*h/mL",
    "tolerance": 0.475,
    "toleranceReason": "+/-1 SD of AUC/dose (4.0 +/- 1.9)",
    "source": "Chong 2006 [chong-2006] (AUC/dose read from a garbled abstract table: UNCONFIRMED reading)",
    "expect": "pass",
    "basis": "independent"
  },
  {
    "id": "C06-sl-nk-cmax-clements-1981",
    "profile": "clements-1981",
    "description": "Racemic 25 mg sublingual, 6 inpatients: norketamine Cmax",
    "route": "sl",
    "doseMg": 25,
    "weightKg": 70,
    "metric": "cmax",
    "output": "CM",
    "published": 66,
    "unit": "ng/mL",
    "tolerance": 0.439,
    "toleranceReason": "+/-1 SD (66 +/- 29)",
    "source": "Chong 2006 [chong-2006]",
    "expect": "miss",
    "missReason": "The borrowed S-norketamine disposition (VM 98.6 L, CLM 57.7 L/h [otto-2021]) under-predicts racemic norketamine.",
    "basis": "independent"
  },
  {
    "id": "C06-sl-nk-tmax-clements-1981",
    "profile": "clements-1981",
    "description": "Racemic 25 mg sublingual, 6 inpatients: norketamine Tmax",
    "route": "sl",
    "doseMg": 25,
    "weightKg": 70,
    "metric": "tmax",
    "output": "CM",
    "published": 1.9,
    "unit": "h",
    "tolerance": 0.526,
    "toleranceReason": "+/-1 SD (1.9 +/- 1.0 h)",
    "source": "Chong 2006 [chong-2006]",
    "expect": "pass",
    "basis": "independent"
  },
  {
    "id": "C06-sl-nk-auc-clements-1981",
    "profile": "clements-1981",
    "description": "Racemic 25 mg sublingual, 6 inpatients: norketamine AUC0-8h (AUC/dose x dose)",
    "route": "sl",
    "doseMg": 25,
    "weightKg": 70,
    "metric": "auc",
    "output": "CM",
    "untilH": 8,
    "published": 247.5,
    "unit": "ng*h/mL",
    "tolerance": 0.535,
    "toleranceReason": "+/-1 SD of AUC/dose (9.9 +/- 5.3)",
    "source": "Chong 2006 [chong-2006] (AUC/dose read from a garbled abstract table: UNCONFIRMED reading)",
    "expect": "pass",
    "basis": "independent"
  },
  {
    "id": "R14-sl-tmax-clements-1981",
    "profile": "clements-1981",
    "description": "Racemic 25 mg sublingual wafer, 8 healthy men: median Tmax",
    "route": "sl",
    "doseMg": 25,
    "weightKg": 70,
    "metric": "tmax",
    "published": 0.75,
    "unit": "h",
    "tolerance": 0.5,
    "toleranceReason": "half the published range (0.25-1.0 h) relative to the median",
    "source": "Rolan 2014 [rolan-2014]",
    "expect": "pass",
    "basis": "fitted"
  },
  {
    "id": "Y03-thalf-racemic-adult-2026",
    "profile": "racemic-adult-2026",
    "description": "Racemic 20 mg injection, 3 adult volunteers: terminal half-life ~120 min",
    "route": "iv-bolus",
    "doseMg": 20,
    "weightKg": 70,
    "metric": "thalf",
    "published": 2.0,
    "unit": "h",
    "tolerance": 0.5,
    "toleranceReason": "no spread published (median or mean of a few subjects): the fixed +/-50% used for every figure without a published spread, not chosen per case",
    "source": "Yanagihara 2003 [yanagihara-2003] (abstract; route of the injection UNCONFIRMED, taken as IV)",
    "expect": "miss",
    "missReason": "The Clements disposition (UNCONFIRMED micro-constants) has a terminal half-life of ~183 min [calc]; 3 volunteers gave ~120 min [yanagihara-2003].",
    "basis": "independent"
  },
  {
    "id": "C06-iv-nk-cmax-racemic-adult-2026",
    "profile": "racemic-adult-2026",
    "description": "Racemic 10 mg IV, 6 inpatients: norketamine Cmax",
    "route": "iv-bolus",
    "doseMg": 10,
    "weightKg": 70,
    "metric": "cmax",
    "output": "CM",
    "published": 38,
    "unit": "ng/mL",
    "tolerance": 0.763,
    "toleranceReason": "+/-1 SD (38 +/- 29)",
    "source": "Chong 2006 [chong-2006]",
    "expect": "pass",
    "basis": "fitted"
  },
  {
    "id": "C06-iv-nk-tmax-racemic-adult-2026",
    "profile": "racemic-adult-2026",
    "description": "Racemic 10 mg IV, 6 inpatients: norketamine Tmax",
    "route": "iv-bolus",
    "doseMg": 10,
    "weightKg": 70,
    "metric": "tmax",
    "output": "CM",
    "published": 0.6,
    "unit": "h",
    "tolerance": 0.95,
    "toleranceReason": "+/-1 SD (0.6 +/- 0.7 h), capped at 95%",
    "source": "Chong 2006 [chong-2006]",
    "expect": "pass",
    "basis": "fitted"
  },
  {
    "id": "C06-iv-nk-auc-racemic-adult-2026",
    "profile": "racemic-adult-2026",
    "description": "Racemic 10 mg IV, 6 inpatients: norketamine AUC0-8h (AUC/dose x dose)",
    "route": "iv-bolus",
    "doseMg": 10,
    "weightKg": 70,
    "metric": "auc",
    "output": "CM",
    "untilH": 8,
    "published": 130,
    "unit": "ng*h/mL",
    "tolerance": 0.531,
    "toleranceReason": "+/-1 SD of AUC/dose (13.0 +/- 6.9)",
    "source": "Chong 2006 [chong-2006] (AUC/dose read from a garbled abstract table: UNCONFIRMED reading)",
    "expect": "pass",
    "basis": "fitted"
  },
  {
    "id": "IM84-05-cmax-racemic-adult-2026",
    "profile": "racemic-adult-2026",
    "description": "Racemic 0.5 mg/kg IM, adult emergency patients: median peak",
    "route": "im",
    "doseMgPerKg": 0.5,
    "weightKg": 70,
    "metric": "cmax",
    "published": 147,
    "unit": "ng/mL",
    "tolerance": 0.5,
    "toleranceReason": "no spread published (median or mean of a few subjects): the fixed +/-50% used for every figure without a published spread, not chosen per case",
    "source": "[im-analgesia-1984]",
    "expect": "pass",
    "basis": "fitted"
  },
  {
    "id": "IM84-05-tmax-racemic-adult-2026",
    "profile": "racemic-adult-2026",
    "description": "Racemic 0.5 mg/kg IM, adult emergency patients: time of the median peak",
    "route": "im",
    "doseMgPerKg": 0.5,
    "weightKg": 70,
    "metric": "tmax",
    "published": 0.5,
    "unit": "h",
    "tolerance": 0.5,
    "toleranceReason": "no spread published (median or mean of a few subjects): the fixed +/-50% used for every figure without a published spread, not chosen per case",
    "source": "[im-analgesia-1984]",
    "expect": "pass",
    "basis": "fitted"
  },
  {
    "id": "IM84-10-cmax-racemic-adult-2026",
    "profile": "racemic-adult-2026",
    "description": "Racemic 1.0 mg/kg IM, adult emergency patients: median peak",
    "route": "im",
    "doseMgPerKg": 1.0,
    "weightKg": 70,
    "metric": "cmax",
    "published": 474,
    "unit": "ng/mL",
    "tolerance": 0.5,
    "toleranceReason": "no spread published (median or mean of a few subjects): the fixed +/-50% used for every figure without a published spread, not chosen per case",
    "source": "[im-analgesia-1984]",
    "expect": "pass",
    "basis": "independent"
  },
  {
    "id": "IM84-10-tmax-racemic-adult-2026",
    "profile": "racemic-adult-2026",
    "description": "Racemic 1.0 mg/kg IM, adult emergency patients: time of the median peak",
    "route": "im",
    "doseMgPerKg": 1.0,
    "weightKg": 70,
    "metric": "tmax",
    "published": 0.25,
    "unit": "h",
    "tolerance": 0.5,
    "toleranceReason": "no spread published (median or mean of a few subjects): the fixed +/-50% used for every figure without a published spread, not chosen per case",
    "source": "[im-analgesia-1984]",
    "expect": "miss",
    "missReason": "A first-order absorption model has one Tmax at every dose (~28 min, fitted to the 0.5 mg/kg arm); the 1 mg/kg arm peaked at 15 min (medians of 10 patients each) [im-analgesia-1984].",
    "basis": "independent"
  },
  {
    "id": "PT22-in10-cmax-racemic-adult-2026",
    "profile": "racemic-adult-2026",
    "description": "Racemic 10 mg IN, adults (study with IV arm): ketamine Cmax",
    "route": "in",
    "doseMg": 10,
    "weightKg": 70,
    "metric": "cmax",
    "published": 22.9,
    "unit": "ng/mL",
    "tolerance": 0.492,
    "toleranceReason": "1 geometric SD (1.97), lower side: 1 - 1/1.97",
    "source": "[pharmacotherapy-2022 Table 6]",
    "expect": "pass",
    "basis": "fitted"
  },
  {
    "id": "PT22-in10-auc-racemic-adult-2026",
    "profile": "racemic-adult-2026",
    "description": "Racemic 10 mg IN, adults: ketamine AUC (window not stated; taken as 0-24 h)",
    "route": "in",
    "doseMg": 10,
    "weightKg": 70,
    "metric": "auc",
    "untilH": 24,
    "published": 19,
    "unit": "ng*h/mL",
    "tolerance": 0.492,
    "toleranceReason": "AUC spread not printed: the Cmax geometric SD of the arm (1.97), lower side",
    "source": "[pharmacotherapy-2022 Table 6]",
    "expect": "miss",
    "missReason": "Fitted figure missed: the published IN Cmax/AUC ratio (~1.2 /h) is above what the Clements disposition allows (V1 1.75 L/kg); the least-squares compromise under-predicts IN Cmax and over-predicts IN AUC (profile notes).",
    "basis": "fitted"
  },
  {
    "id": "PT22-in10-tmax-racemic-adult-2026",
    "profile": "racemic-adult-2026",
    "description": "Racemic 10 mg IN, adults: ketamine Tmax",
    "route": "in",
    "doseMg": 10,
    "weightKg": 70,
    "metric": "tmax",
    "published": 0.3833,
    "unit": "h",
    "tolerance": 0.667,
    "toleranceReason": "1 geometric SD (3.0), lower side",
    "source": "[pharmacotherapy-2022 Table 6]",
    "expect": "pass",
    "basis": "fitted"
  },
  {
    "id": "PT22-in10-nk-cmax-racemic-adult-2026",
    "profile": "racemic-adult-2026",
    "description": "Racemic 10 mg IN, adults: norketamine Cmax",
    "route": "in",
    "doseMg": 10,
    "weightKg": 70,
    "metric": "cmax",
    "output": "CM",
    "published": 17.8,
    "unit": "ng/mL",
    "tolerance": 0.471,
    "toleranceReason": "1 geometric SD (1.89), lower side",
    "source": "[pharmacotherapy-2022 Table 6]",
    "expect": "pass",
    "basis": "independent"
  },
  {
    "id": "PT22-in10-nk-tmax-racemic-adult-2026",
    "profile": "racemic-adult-2026",
    "description": "Racemic 10 mg IN, adults: norketamine Tmax",
    "route": "in",
    "doseMg": 10,
    "weightKg": 70,
    "metric": "tmax",
    "output": "CM",
    "published": 1.3167,
    "unit": "h",
    "tolerance": 0.462,
    "toleranceReason": "1 geometric SD (1.86), lower side",
    "source": "[pharmacotherapy-2022 Table 6]",
    "expect": "miss",
    "missReason": "Norketamine peaks at ~0.65 h, earlier than observed: presystemic norketamine enters with the route KA and the fitted norketamine volume is small (26 L); a formation delay (transit) is missing.",
    "basis": "independent"
  },
  {
    "id": "PT22-in30-cmax-racemic-adult-2026",
    "profile": "racemic-adult-2026",
    "description": "Racemic 30 mg IN, adults (study with IV arm): ketamine Cmax",
    "route": "in",
    "doseMg": 30,
    "weightKg": 70,
    "metric": "cmax",
    "published": 60.8,
    "unit": "ng/mL",
    "tolerance": 0.474,
    "toleranceReason": "1 geometric SD (1.9), lower side: 1 - 1/1.9",
    "source": "[pharmacotherapy-2022 Table 6]",
    "expect": "pass",
    "basis": "fitted"
  },
  {
    "id": "PT22-in30-auc-racemic-adult-2026",
    "profile": "racemic-adult-2026",
    "description": "Racemic 30 mg IN, adults: ketamine AUC (window not stated; taken as 0-24 h)",
    "route": "in",
    "doseMg": 30,
    "weightKg": 70,
    "metric": "auc",
    "untilH": 24,
    "published": 46,
    "unit": "ng*h/mL",
    "tolerance": 0.474,
    "toleranceReason": "AUC spread not printed: the Cmax geometric SD of the arm (1.9), lower side",
    "source": "[pharmacotherapy-2022 Table 6]",
    "expect": "miss",
    "missReason": "Fitted figure missed: the published IN Cmax/AUC ratio (~1.2 /h) is above what the Clements disposition allows (V1 1.75 L/kg); the least-squares compromise under-predicts IN Cmax and over-predicts IN AUC (profile notes).",
    "basis": "fitted"
  },
  {
    "id": "PT22-in30-tmax-racemic-adult-2026",
    "profile": "racemic-adult-2026",
    "description": "Racemic 30 mg IN, adults: ketamine Tmax",
    "route": "in",
    "doseMg": 30,
    "weightKg": 70,
    "metric": "tmax",
    "published": 0.2333,
    "unit": "h",
    "tolerance": 0.737,
    "toleranceReason": "1 geometric SD (3.8), lower side",
    "source": "[pharmacotherapy-2022 Table 6]",
    "expect": "pass",
    "basis": "fitted"
  },
  {
    "id": "PT22-in30-nk-cmax-racemic-adult-2026",
    "profile": "racemic-adult-2026",
    "description": "Racemic 30 mg IN, adults: norketamine Cmax",
    "route": "in",
    "doseMg": 30,
    "weightKg": 70,
    "metric": "cmax",
    "output": "CM",
    "published": 68.1,
    "unit": "ng/mL",
    "tolerance": 0.444,
    "toleranceReason": "1 geometric SD (1.8), lower side",
    "source": "[pharmacotherapy-2022 Table 6]",
    "expect": "pass",
    "basis": "fitted"
  },
  {
    "id": "PT22-in30-nk-tmax-racemic-adult-2026",
    "profile": "racemic-adult-2026",
    "description": "Racemic 30 mg IN, adults: norketamine Tmax",
    "route": "in",
    "doseMg": 30,
    "weightKg": 70,
    "metric": "tmax",
    "output": "CM",
    "published": 1.0,
    "unit": "h",
    "tolerance": 0.432,
    "toleranceReason": "1 geometric SD (1.76), lower side",
    "source": "[pharmacotherapy-2022 Table 6]",
    "expect": "pass",
    "basis": "independent"
  },
  {
    "id": "PT22-in30-nk-auc-racemic-adult-2026",
    "profile": "racemic-adult-2026",
    "description": "Racemic 30 mg IN, adults: norketamine AUC (window not stated; taken as 0-24 h)",
    "route": "in",
    "doseMg": 30,
    "weightKg": 70,
    "metric": "auc",
    "output": "CM",
    "untilH": 24,
    "published": 181,
    "unit": "ng*h/mL",
    "tolerance": 0.444,
    "toleranceReason": "AUC spread not printed: the norketamine Cmax geometric SD of the arm (1.8), lower side",
    "source": "[pharmacotherapy-2022 Table 6]",
    "expect": "miss",
    "missReason": "Norketamine after IN over-predicted ~1.6x: the swallowed fraction FS_IN is fitted jointly with the parent AUC, which this disposition over-predicts, and every swallowed mg gets the oral first pass (FP_PO).",
    "basis": "independent"
  },
  {
    "id": "PT22-in50-cmax-racemic-adult-2026",
    "profile": "racemic-adult-2026",
    "description": "Racemic 50 mg IN, adults (study with IV arm): ketamine Cmax",
    "route": "in",
    "doseMg": 50,
    "weightKg": 70,
    "metric": "cmax",
    "published": 77.6,
    "unit": "ng/mL",
    "tolerance": 0.563,
    "toleranceReason": "1 geometric SD (2.29), lower side: 1 - 1/2.29",
    "source": "[pharmacotherapy-2022 Table 6]",
    "expect": "pass",
    "basis": "fitted"
  },
  {
    "id": "PT22-in50-auc-racemic-adult-2026",
    "profile": "racemic-adult-2026",
    "description": "Racemic 50 mg IN, adults: ketamine AUC (window not stated; taken as 0-24 h)",
    "route": "in",
    "doseMg": 50,
    "weightKg": 70,
    "metric": "auc",
    "untilH": 24,
    "published": 64,
    "unit": "ng*h/mL",
    "tolerance": 0.563,
    "toleranceReason": "AUC spread not printed: the Cmax geometric SD of the arm (2.29), lower side",
    "source": "[pharmacotherapy-2022 Table 6]",
    "expect": "miss",
    "missReason": "Fitted figure missed: the published IN Cmax/AUC ratio (~1.2 /h) is above what the Clements disposition allows (V1 1.75 L/kg); the least-squares compromise under-predicts IN Cmax and over-predicts IN AUC (profile notes).",
    "basis": "fitted"
  },
  {
    "id": "PT22-in50-tmax-racemic-adult-2026",
    "profile": "racemic-adult-2026",
    "description": "Racemic 50 mg IN, adults: ketamine Tmax",
    "route": "in",
    "doseMg": 50,
    "weightKg": 70,
    "metric": "tmax",
    "published": 0.2667,
    "unit": "h",
    "tolerance": 0.773,
    "toleranceReason": "1 geometric SD (4.4), lower side",
    "source": "[pharmacotherapy-2022 Table 6]",
    "expect": "pass",
    "basis": "fitted"
  },
  {
    "id": "PT22-in50-nk-cmax-racemic-adult-2026",
    "profile": "racemic-adult-2026",
    "description": "Racemic 50 mg IN, adults: norketamine Cmax",
    "route": "in",
    "doseMg": 50,
    "weightKg": 70,
    "metric": "cmax",
    "output": "CM",
    "published": 105,
    "unit": "ng/mL",
    "tolerance": 0.387,
    "toleranceReason": "1 geometric SD (1.63), lower side",
    "source": "[pharmacotherapy-2022 Table 6]",
    "expect": "pass",
    "basis": "fitted"
  },
  {
    "id": "PT22-in50-nk-tmax-racemic-adult-2026",
    "profile": "racemic-adult-2026",
    "description": "Racemic 50 mg IN, adults: norketamine Tmax",
    "route": "in",
    "doseMg": 50,
    "weightKg": 70,
    "metric": "tmax",
    "output": "CM",
    "published": 0.9333,
    "unit": "h",
    "tolerance": 0.454,
    "toleranceReason": "1 geometric SD (1.83), lower side",
    "source": "[pharmacotherapy-2022 Table 6]",
    "expect": "pass",
    "basis": "independent"
  },
  {
    "id": "PT22-in50-nk-auc-racemic-adult-2026",
    "profile": "racemic-adult-2026",
    "description": "Racemic 50 mg IN, adults: norketamine AUC (window not stated; taken as 0-24 h)",
    "route": "in",
    "doseMg": 50,
    "weightKg": 70,
    "metric": "auc",
    "output": "CM",
    "untilH": 24,
    "published": 291,
    "unit": "ng*h/mL",
    "tolerance": 0.387,
    "toleranceReason": "AUC spread not printed: the norketamine Cmax geometric SD of the arm (1.63), lower side",
    "source": "[pharmacotherapy-2022 Table 6]",
    "expect": "miss",
    "missReason": "Norketamine after IN over-predicted ~1.6x: the swallowed fraction FS_IN is fitted jointly with the parent AUC, which this disposition over-predicts, and every swallowed mg gets the oral first pass (FP_PO).",
    "basis": "independent"
  },
  {
    "id": "C06-po-tmax-racemic-adult-2026",
    "profile": "racemic-adult-2026",
    "description": "Racemic 25 mg oral, 6 inpatients: ketamine Tmax",
    "route": "po",
    "doseMg": 25,
    "weightKg": 70,
    "metric": "tmax",
    "published": 0.96,
    "unit": "h",
    "tolerance": 0.833,
    "toleranceReason": "+/-1 SD (0.96 +/- 0.8 h)",
    "source": "Chong 2006 [chong-2006]",
    "expect": "pass",
    "basis": "fitted"
  },
  {
    "id": "C06-po-auc-racemic-adult-2026",
    "profile": "racemic-adult-2026",
    "description": "Racemic 25 mg oral, 6 inpatients: ketamine AUC0-8h (AUC/dose x dose)",
    "route": "po",
    "doseMg": 25,
    "weightKg": 70,
    "metric": "auc",
    "untilH": 8,
    "published": 77.5,
    "unit": "ng*h/mL",
    "tolerance": 0.226,
    "toleranceReason": "+/-1 SD of AUC/dose (3.1 +/- 0.7)",
    "source": "Chong 2006 [chong-2006] (AUC/dose read from a garbled abstract table: UNCONFIRMED reading)",
    "expect": "pass",
    "basis": "fitted"
  },
  {
    "id": "C06-po-nk-cmax-racemic-adult-2026",
    "profile": "racemic-adult-2026",
    "description": "Racemic 25 mg oral, 6 inpatients: norketamine Cmax",
    "route": "po",
    "doseMg": 25,
    "weightKg": 70,
    "metric": "cmax",
    "output": "CM",
    "published": 82,
    "unit": "ng/mL",
    "tolerance": 0.415,
    "toleranceReason": "+/-1 SD (82 +/- 34)",
    "source": "Chong 2006 [chong-2006]",
    "expect": "pass",
    "basis": "fitted"
  },
  {
    "id": "C06-po-nk-tmax-racemic-adult-2026",
    "profile": "racemic-adult-2026",
    "description": "Racemic 25 mg oral, 6 inpatients: norketamine Tmax",
    "route": "po",
    "doseMg": 25,
    "weightKg": 70,
    "metric": "tmax",
    "output": "CM",
    "published": 1.6,
    "unit": "h",
    "tolerance": 0.562,
    "toleranceReason": "+/-1 SD (1.6 +/- 0.9 h)",
    "source": "Chong 2006 [chong-2006]",
    "expect": "miss",
    "missReason": "Norketamine peaks at ~0.65 h, earlier than observed: presystemic norketamine enters with the route KA and the fitted norketamine volume is small (26 L); a formation delay (transit) is missing.",
    "basis": "independent"
  },
  {
    "id": "C06-po-nk-auc-racemic-adult-2026",
    "profile": "racemic-adult-2026",
    "description": "Racemic 25 mg oral, 6 inpatients: norketamine AUC0-8h (AUC/dose x dose)",
    "route": "po",
    "doseMg": 25,
    "weightKg": 70,
    "metric": "auc",
    "output": "CM",
    "untilH": 8,
    "published": 302.5,
    "unit": "ng*h/mL",
    "tolerance": 0.438,
    "toleranceReason": "+/-1 SD of AUC/dose (12.1 +/- 5.3)",
    "source": "Chong 2006 [chong-2006] (AUC/dose read from a garbled abstract table: UNCONFIRMED reading)",
    "expect": "pass",
    "basis": "fitted"
  },
  {
    "id": "C06-sl-tmax-racemic-adult-2026",
    "profile": "racemic-adult-2026",
    "description": "Racemic 25 mg sublingual, 6 inpatients: ketamine Tmax",
    "route": "sl",
    "doseMg": 25,
    "weightKg": 70,
    "metric": "tmax",
    "published": 0.76,
    "unit": "h",
    "tolerance": 0.671,
    "toleranceReason": "+/-1 SD (0.76 +/- 0.51 h)",
    "source": "Chong 2006 [chong-2006]",
    "expect": "pass",
    "basis": "fitted"
  },
  {
    "id": "C06-sl-auc-racemic-adult-2026",
    "profile": "racemic-adult-2026",
    "description": "Racemic 25 mg sublingual, 6 inpatients: ketamine AUC0-8h (AUC/dose x dose)",
    "route": "sl",
    "doseMg": 25,
    "weightKg": 70,
    "metric": "auc",
    "untilH": 8,
    "published": 100,
    "unit": "ng*h/mL",
    "tolerance": 0.475,
    "toleranceReason": "+/-1 SD of AUC/dose (4.0 +/- 1.9)",
    "source": "Chong 2006 [chong-2006] (AUC/dose read from a garbled abstract table: UNCONFIRMED reading)",
    "expect": "pass",
    "basis": "fitted"
  },
  {
    "id": "C06-sl-nk-cmax-racemic-adult-2026",
    "profile": "racemic-adult-2026",
    "description": "Racemic 25 mg sublingual, 6 inpatients: norketamine Cmax",
    "route": "sl",
    "doseMg": 25,
    "weightKg": 70,
    "metric": "cmax",
    "output": "CM",
    "published": 66,
    "unit": "ng/mL",
    "tolerance": 0.439,
    "toleranceReason": "+/-1 SD (66 +/- 29)",
    "source": "Chong 2006 [chong-2006]",
    "expect": "pass",
    "basis": "fitted"
  },
  {
    "id": "C06-sl-nk-tmax-racemic-adult-2026",
    "profile": "racemic-adult-2026",
    "description": "Racemic 25 mg sublingual, 6 inpatients: norketamine Tmax",
    "route": "sl",
    "doseMg": 25,
    "weightKg": 70,
    "metric": "tmax",
    "output": "CM",
    "published": 1.9,
    "unit": "h",
    "tolerance": 0.526,
    "toleranceReason": "+/-1 SD (1.9 +/- 1.0 h)",
    "source": "Chong 2006 [chong-2006]",
    "expect": "miss",
    "missReason": "Norketamine peaks at ~0.65 h, earlier than observed: presystemic norketamine enters with the route KA and the fitted norketamine volume is small (26 L); a formation delay (transit) is missing.",
    "basis": "independent"
  },
  {
    "id": "C06-sl-nk-auc-racemic-adult-2026",
    "profile": "racemic-adult-2026",
    "description": "Racemic 25 mg sublingual, 6 inpatients: norketamine AUC0-8h (AUC/dose x dose)",
    "route": "sl",
    "doseMg": 25,
    "weightKg": 70,
    "metric": "auc",
    "output": "CM",
    "untilH": 8,
    "published": 247.5,
    "unit": "ng*h/mL",
    "tolerance": 0.535,
    "toleranceReason": "+/-1 SD of AUC/dose (9.9 +/- 5.3)",
    "source": "Chong 2006 [chong-2006] (AUC/dose read from a garbled abstract table: UNCONFIRMED reading)",
    "expect": "pass",
    "basis": "fitted"
  },
  {
    "id": "R14-sl-tmax-racemic-adult-2026",
    "profile": "racemic-adult-2026",
    "description": "Racemic 25 mg sublingual wafer, 8 healthy men: median Tmax",
    "route": "sl",
    "doseMg": 25,
    "weightKg": 70,
    "metric": "tmax",
    "published": 0.75,
    "unit": "h",
    "tolerance": 0.5,
    "toleranceReason": "half the published range (0.25-1.0 h) relative to the median",
    "source": "Rolan 2014 [rolan-2014]",
    "expect": "pass",
    "basis": "independent"
  },
  {
    "id": "V1-racemic-adult-2026",
    "profile": "racemic-adult-2026",
    "description": "Racemic 0.5 mg/kg IV over 40 min (Zarate regimen), 70 kg: mean peak at end of infusion",
    "route": "iv",
    "doseMgPerKg": 0.5,
    "infusionMin": 40,
    "weightKg": 70,
    "metric": "cmax",
    "published": 185,
    "unit": "ng/mL",
    "tolerance": 0.35,
    "toleranceReason": "No SD published for the mean peak; the same regimen's published between-patient range is 100-250 ng/mL (V2): +-35% is the distance from 185 to the nearer end of that range (250)",
    "source": "Zarate 2006 [zarate-2006] via Zanos 2018 [zanos-2018 Table 1]",
    "expect": "pass",
    "basis": "independent"
  },
  {
    "id": "V2-racemic-adult-2026",
    "profile": "racemic-adult-2026",
    "description": "Racemic 0.5 mg/kg IV over 40 min, 70 kg: peak inside the published 100-250 ng/mL range",
    "route": "iv",
    "doseMgPerKg": 0.5,
    "infusionMin": 40,
    "weightKg": 70,
    "metric": "cmax",
    "published": 175,
    "unit": "ng/mL",
    "tolerance": 0.42857142857142855,
    "toleranceReason": "The published range itself: 100-250 ng/mL = 175 +- 75 (relative 0.4286)",
    "source": "Krystal 1994 design [krystal-1994] via Zanos 2018 [zanos-2018 Table 1]",
    "expect": "pass",
    "basis": "independent"
  },
  {
    "id": "V3-c2min-racemic-adult-2026",
    "profile": "racemic-adult-2026",
    "description": "Racemic 10 mg IV bolus: concentration at the observed Tmax (2 min). A compartment model's bolus Cmax is D/V1 at t = 0, which no sample measures, so the first sampling time is compared",
    "route": "iv-bolus",
    "doseMg": 10,
    "weightKg": 70,
    "metric": "c",
    "atH": 0.03333333333333333,
    "published": 296,
    "unit": "ng/mL",
    "tolerance": 0.415,
    "toleranceReason": "Geometric SD 1.71: the 1-gSD interval is 173-506 ng/mL; the schema's tolerance is symmetric, so the narrower side 1 - 1/1.71 = 0.415 is used",
    "source": "Pharmacotherapy 2022;42:298 [pharmacotherapy-2022 Table 6]",
    "expect": "miss",
    "missReason": "Clements' V1 of 1.75 L/kg (123 L at 70 kg) [clements-1981] has no fast distribution phase: a bolus starts at D/V1 = 82 ng/mL, so the 2-min venous peak of 296 ng/mL (an initial volume of ~34 L) cannot be reproduced; the set describes the post-distribution phase. domino-1982 and herd-2007 reproduce it",
    "basis": "independent"
  },
  {
    "id": "V3-auc-racemic-adult-2026",
    "profile": "racemic-adult-2026",
    "description": "Racemic 10 mg IV bolus: AUC (to infinity)",
    "route": "iv-bolus",
    "doseMg": 10,
    "weightKg": 70,
    "metric": "aucinf",
    "published": 113,
    "unit": "ng*h/mL",
    "tolerance": 0.12,
    "toleranceReason": "No dispersion published for this AUC; the closest published spread of study-mean clearances is the Kamp 2020 95% CI 69-90 L/h/70 kg around 79 (-13%/+14%) [kamp-2020]: 0.12 = the narrower side in AUC terms (1 - 79/90)",
    "source": "Pharmacotherapy 2022 [pharmacotherapy-2022 Table 6]; tolerance from Kamp 2020 [kamp-2020]",
    "expect": "pass",
    "basis": "independent"
  },
  {
    "id": "V18-racemic-adult-2026",
    "profile": "racemic-adult-2026",
    "description": "Whole-literature clearance 79 L/h/70 kg expressed as AUC to infinity after 10 mg IV at 70 kg: 10 mg / 79 L/h = 126.6 ng*h/mL [calc]",
    "route": "iv-bolus",
    "doseMg": 10,
    "weightKg": 70,
    "metric": "aucinf",
    "published": 126.6,
    "unit": "ng*h/mL",
    "tolerance": 0.12,
    "toleranceReason": "Kamp 2020 95% CI of the mean CL, 69-90 L/h/70 kg [kamp-2020]: in AUC terms 111-145 ng*h/mL; 0.12 = the narrower side (1 - 79/90)",
    "source": "Kamp 2020 meta-analysis [kamp-2020]",
    "expect": "pass",
    "basis": "independent"
  },
  {
    "id": "V3-nk-racemic-adult-2026",
    "profile": "racemic-adult-2026",
    "description": "Racemic 10 mg IV bolus: norketamine Cmax (~27 ng/mL at 30 min)",
    "route": "iv-bolus",
    "doseMg": 10,
    "weightKg": 70,
    "metric": "cmax",
    "output": "CM",
    "published": 27,
    "unit": "ng/mL",
    "tolerance": 0.415,
    "toleranceReason": "No dispersion published for norketamine; the parent Cmax geometric SD of the same study (1.71) is used as a proxy, narrower side 0.415",
    "source": "Pharmacotherapy 2022 [pharmacotherapy-2022 Table 6] (printed '2.8', Cmax/D 2.7 and NK/K ratio 0.089 imply ~27)",
    "expect": "pass",
    "basis": "independent"
  },
  {
    "id": "V5-sl-racemic-adult-2026",
    "profile": "racemic-adult-2026",
    "description": "Racemic 25 mg sublingual, neuropathic pain inpatients: ketamine Cmax",
    "route": "sl",
    "doseMg": 25,
    "weightKg": 70,
    "metric": "cmax",
    "published": 28.6,
    "unit": "ng/mL",
    "tolerance": 0.231,
    "toleranceReason": "Published mean +- SD 28.6 +- 6.6 ng/mL: tolerance = SD/mean",
    "source": "Chong 2006 [chong-2006]",
    "expect": "pass",
    "basis": "fitted"
  },
  {
    "id": "V5-po-racemic-adult-2026",
    "profile": "racemic-adult-2026",
    "description": "Racemic 25 mg oral, neuropathic pain inpatients: ketamine Cmax",
    "route": "po",
    "doseMg": 25,
    "weightKg": 70,
    "metric": "cmax",
    "published": 22.8,
    "unit": "ng/mL",
    "tolerance": 0.561,
    "toleranceReason": "Published mean +- SD 22.8 +- 12.8 ng/mL: tolerance = SD/mean",
    "source": "Chong 2006 [chong-2006]",
    "expect": "pass",
    "basis": "fitted"
  },
  {
    "id": "V6-racemic-adult-2026",
    "profile": "racemic-adult-2026",
    "description": "Racemic 0.5 mg/kg oral, 70 kg: ketamine Cmax",
    "route": "po",
    "doseMgPerKg": 0.5,
    "weightKg": 70,
    "metric": "cmax",
    "published": 45,
    "unit": "ng/mL",
    "tolerance": 0.222,
    "toleranceReason": "Published mean +- SD 45 +- 10 ng/mL: tolerance = SD/mean",
    "source": "Grant 1981 [grant-1981] via Zanos 2018 [zanos-2018 Table 1]",
    "expect": "miss",
    "missReason": "Grant 1981 oral 0.5 mg/kg Cmax 45 +/- 10 [grant-1981] vs ~28 predicted: F_PO and KA_PO come from Chong 2006 [chong-2006], whose oral Cmax per mg is lower (0.91 vs 1.29 ng/mL per mg); the studies disagree.",
    "basis": "independent"
  },
  {
    "id": "W19-es-auc-perez-ruixo-2021",
    "profile": "perez-ruixo-2021",
    "description": "Esketamine 0.5 mg/kg IV over 10 s: AUCinf from the published clearance 18.1 +/- 3.2 mL/min/kg (AUC = dose/CL [calc]), 70 kg",
    "route": "iv-bolus",
    "doseMgPerKg": 0.5,
    "weightKg": 70,
    "metric": "aucinf",
    "published": 460.4,
    "unit": "ng*h/mL",
    "tolerance": 0.177,
    "toleranceReason": "+/-1 SD of the clearance (3.2/18.1), carried to AUC = dose/CL",
    "source": "Wang 2019 [wang-2019] (abstract: 32 Chinese patients, propofol sedation, injection over 10 s)",
    "expect": "miss",
    "missReason": "Typical (non-Asian) esketamine CL 109 L/h [calc] vs ~76 L/h at 70 kg in Chinese patients under propofol [wang-2019]; the model lowers kel 0.36-fold in Asian subjects [perez-ruixo-2021], which this case does not apply.",
    "basis": "independent"
  },
  {
    "id": "W19-es-auc-fanta-otto-2021",
    "profile": "fanta-otto-2021",
    "description": "Esketamine 0.5 mg/kg IV over 10 s: AUCinf from the published clearance 18.1 +/- 3.2 mL/min/kg (AUC = dose/CL [calc]), 70 kg",
    "route": "iv-bolus",
    "doseMgPerKg": 0.5,
    "weightKg": 70,
    "metric": "aucinf",
    "published": 460.4,
    "unit": "ng*h/mL",
    "tolerance": 0.177,
    "toleranceReason": "+/-1 SD of the clearance (3.2/18.1), carried to AUC = dose/CL",
    "source": "Wang 2019 [wang-2019] (abstract: 32 Chinese patients, propofol sedation, injection over 10 s)",
    "expect": "miss",
    "missReason": "CL 95.2 L/h/70 kg [fanta-2015] vs ~76 L/h at 70 kg in Chinese patients under propofol sedation [wang-2019]: population and co-medication differ.",
    "basis": "independent"
  },
  {
    "id": "W19-es-auc-simons-2022",
    "profile": "simons-2022",
    "description": "Esketamine 0.5 mg/kg IV over 10 s: AUCinf from the published clearance 18.1 +/- 3.2 mL/min/kg (AUC = dose/CL [calc]), 70 kg",
    "route": "iv-bolus",
    "doseMgPerKg": 0.5,
    "weightKg": 70,
    "metric": "aucinf",
    "published": 460.4,
    "unit": "ng*h/mL",
    "tolerance": 0.177,
    "toleranceReason": "+/-1 SD of the clearance (3.2/18.1), carried to AUC = dose/CL",
    "source": "Wang 2019 [wang-2019] (abstract: 32 Chinese patients, propofol sedation, injection over 10 s)",
    "expect": "pass",
    "basis": "independent"
  },
  {
    "id": "W19-rac-auc-clements-1981",
    "profile": "clements-1981",
    "description": "Racemic 1 mg/kg IV over 10 s: total (S + R) AUCinf from the published enantiomer clearances, S 18.4 +/- 3.4 and R 15.8 +/- 3.1 mL/min/kg (AUC = 0.5 mg/kg / CL_S + 0.5 mg/kg / CL_R [calc]), 70 kg",
    "route": "iv-bolus",
    "doseMgPerKg": 1.0,
    "weightKg": 70,
    "metric": "aucinf",
    "published": 980.3,
    "unit": "ng*h/mL",
    "tolerance": 0.196,
    "toleranceReason": "+/-1 SD of the clearances (larger relative SD, R: 3.1/15.8), carried to AUC",
    "source": "Wang 2019 [wang-2019] (abstract: 32 Chinese patients, propofol sedation, injection over 10 s)",
    "expect": "pass",
    "basis": "independent"
  },
  {
    "id": "W19-rac-auc-domino-1982",
    "profile": "domino-1982",
    "description": "Racemic 1 mg/kg IV over 10 s: total (S + R) AUCinf from the published enantiomer clearances, S 18.4 +/- 3.4 and R 15.8 +/- 3.1 mL/min/kg (AUC = 0.5 mg/kg / CL_S + 0.5 mg/kg / CL_R [calc]), 70 kg",
    "route": "iv-bolus",
    "doseMgPerKg": 1.0,
    "weightKg": 70,
    "metric": "aucinf",
    "published": 980.3,
    "unit": "ng*h/mL",
    "tolerance": 0.196,
    "toleranceReason": "+/-1 SD of the clearances (larger relative SD, R: 3.1/15.8), carried to AUC",
    "source": "Wang 2019 [wang-2019] (abstract: 32 Chinese patients, propofol sedation, injection over 10 s)",
    "expect": "miss",
    "missReason": "Domino CL 116 L/h at 70 kg [calc] (UNCONFIRMED constants [domino-1982]) vs ~69 L/h total racemic clearance at 70 kg [wang-2019].",
    "basis": "independent"
  },
  {
    "id": "W19-rac-auc-herd-2007",
    "profile": "herd-2007",
    "description": "Racemic 1 mg/kg IV over 10 s: total (S + R) AUCinf from the published enantiomer clearances, S 18.4 +/- 3.4 and R 15.8 +/- 3.1 mL/min/kg (AUC = 0.5 mg/kg / CL_S + 0.5 mg/kg / CL_R [calc]), 70 kg",
    "route": "iv-bolus",
    "doseMgPerKg": 1.0,
    "weightKg": 70,
    "metric": "aucinf",
    "published": 980.3,
    "unit": "ng*h/mL",
    "tolerance": 0.196,
    "toleranceReason": "+/-1 SD of the clearances (larger relative SD, R: 3.1/15.8), carried to AUC",
    "source": "Wang 2019 [wang-2019] (abstract: 32 Chinese patients, propofol sedation, injection over 10 s)",
    "expect": "miss",
    "missReason": "Herd CL 90 L/h/70 kg (children, allometric [herd-2007]) vs ~69 L/h total racemic clearance at 70 kg in adults [wang-2019].",
    "basis": "independent"
  },
  {
    "id": "W19-rac-auc-racemic-adult-2026",
    "profile": "racemic-adult-2026",
    "description": "Racemic 1 mg/kg IV over 10 s: total (S + R) AUCinf from the published enantiomer clearances, S 18.4 +/- 3.4 and R 15.8 +/- 3.1 mL/min/kg (AUC = 0.5 mg/kg / CL_S + 0.5 mg/kg / CL_R [calc]), 70 kg",
    "route": "iv-bolus",
    "doseMgPerKg": 1.0,
    "weightKg": 70,
    "metric": "aucinf",
    "published": 980.3,
    "unit": "ng*h/mL",
    "tolerance": 0.196,
    "toleranceReason": "+/-1 SD of the clearances (larger relative SD, R: 3.1/15.8), carried to AUC",
    "source": "Wang 2019 [wang-2019] (abstract: 32 Chinese patients, propofol sedation, injection over 10 s)",
    "expect": "pass",
    "basis": "independent"
  },
  {
    "id": "LBL-thalf-perez-ruixo-2021",
    "profile": "perez-ruixo-2021",
    "description": "Esketamine 56 mg nasal: terminal half-life (label 7-12 h)",
    "route": "in",
    "doseMg": 56,
    "weightKg": 70,
    "metric": "thalf",
    "published": 9.5,
    "unit": "h",
    "tolerance": 0.263,
    "toleranceReason": "The label's range: 7-12 h = 9.5 +/- 2.5 h (relative 0.263)",
    "source": "Spravato US prescribing information [esketamine-us-label-2019]",
    "expect": "pass",
    "basis": "independent"
  },
  {
    "id": "IDV79-css-clements-1981",
    "profile": "clements-1981",
    "description": "Racemic 41 ug/kg/min infusion in anaesthesia (31 patients): stable plasma concentration 9.3 +/- 0.8 umol/L = 2211 ng/mL [calc, MW 237.73]; modelled as the concentration after 24 h of the infusion alone (steady state; the 2 mg/kg induction dose and the falling rate during surgery are left out), 70 kg",
    "route": "iv",
    "doseMgPerKg": 59.04,
    "infusionMin": 1440,
    "weightKg": 70,
    "metric": "c",
    "atH": 24,
    "published": 2211,
    "unit": "ng/mL",
    "tolerance": 0.086,
    "toleranceReason": "+/-0.8 of 9.3 umol/L as printed (whether SD or SEM is not stated in the abstract)",
    "source": "Idvall 1979 [idvall-1979]",
    "expect": "pass",
    "basis": "independent"
  },
  {
    "id": "IDV79-css-domino-1982",
    "profile": "domino-1982",
    "description": "Racemic 41 ug/kg/min infusion in anaesthesia (31 patients): stable plasma concentration 9.3 +/- 0.8 umol/L = 2211 ng/mL [calc, MW 237.73]; modelled as the concentration after 24 h of the infusion alone (steady state; the 2 mg/kg induction dose and the falling rate during surgery are left out), 70 kg",
    "route": "iv",
    "doseMgPerKg": 59.04,
    "infusionMin": 1440,
    "weightKg": 70,
    "metric": "c",
    "atH": 24,
    "published": 2211,
    "unit": "ng/mL",
    "tolerance": 0.086,
    "toleranceReason": "+/-0.8 of 9.3 umol/L as printed (whether SD or SEM is not stated in the abstract)",
    "source": "Idvall 1979 [idvall-1979]",
    "expect": "miss",
    "missReason": "Domino CL 116 L/h at 70 kg [calc] (UNCONFIRMED constants [domino-1982]) gives a lower steady state than the ~80 L/h this anaesthesia figure implies [idvall-1979].",
    "basis": "independent"
  },
  {
    "id": "IDV79-css-herd-2007",
    "profile": "herd-2007",
    "description": "Racemic 41 ug/kg/min infusion in anaesthesia (31 patients): stable plasma concentration 9.3 +/- 0.8 umol/L = 2211 ng/mL [calc, MW 237.73]; modelled as the concentration after 24 h of the infusion alone (steady state; the 2 mg/kg induction dose and the falling rate during surgery are left out), 70 kg",
    "route": "iv",
    "doseMgPerKg": 59.04,
    "infusionMin": 1440,
    "weightKg": 70,
    "metric": "c",
    "atH": 24,
    "published": 2211,
    "unit": "ng/mL",
    "tolerance": 0.086,
    "toleranceReason": "+/-0.8 of 9.3 umol/L as printed (whether SD or SEM is not stated in the abstract)",
    "source": "Idvall 1979 [idvall-1979]",
    "expect": "miss",
    "missReason": "Herd CL 90 L/h/70 kg (children, allometric [herd-2007]) gives a lower adult steady state than observed under anaesthesia [idvall-1979].",
    "basis": "independent"
  },
  {
    "id": "IDV79-css-racemic-adult-2026",
    "profile": "racemic-adult-2026",
    "description": "Racemic 41 ug/kg/min infusion in anaesthesia (31 patients): stable plasma concentration 9.3 +/- 0.8 umol/L = 2211 ng/mL [calc, MW 237.73]; modelled as the concentration after 24 h of the infusion alone (steady state; the 2 mg/kg induction dose and the falling rate during surgery are left out), 70 kg",
    "route": "iv",
    "doseMgPerKg": 59.04,
    "infusionMin": 1440,
    "weightKg": 70,
    "metric": "c",
    "atH": 24,
    "published": 2211,
    "unit": "ng/mL",
    "tolerance": 0.086,
    "toleranceReason": "+/-0.8 of 9.3 umol/L as printed (whether SD or SEM is not stated in the abstract)",
    "source": "Idvall 1979 [idvall-1979]",
    "expect": "pass",
    "basis": "independent"
  },
  {
    "id": "Y03-po-nk-auc-clements-1981",
    "profile": "clements-1981",
    "description": "Racemic 50 mg oral (two 25 mg tablets): norketamine AUC0-8h ~500 ng*h/mL per enantiomer, ~1000 racemic",
    "route": "po",
    "doseMg": 50,
    "weightKg": 70,
    "metric": "auc",
    "output": "CM",
    "untilH": 8,
    "published": 1000,
    "unit": "ng*h/mL",
    "tolerance": 0.5,
    "toleranceReason": "no spread published (mean of 3 subjects): the fixed +/-50% used for every figure without a published spread",
    "source": "Yanagihara 2003 [yanagihara-2003] (abstract; 3 Japanese volunteers; per-enantiomer AUCs summed to racemic [calc])",
    "expect": "miss",
    "missReason": "The borrowed S-norketamine disposition (VM 98.6 L, CLM 57.7 L/h [otto-2021]) under-predicts racemic norketamine.",
    "basis": "independent"
  },
  {
    "id": "Y03-sl-nk-auc-clements-1981",
    "profile": "clements-1981",
    "description": "Racemic 50 mg sublingual (two 25 mg sublingual tablets): norketamine AUC0-8h 280-460 ng*h/mL per enantiomer (range given for the SL tablet and the suppository together), 560-920 racemic, middle 740",
    "route": "sl",
    "doseMg": 50,
    "weightKg": 70,
    "metric": "auc",
    "output": "CM",
    "untilH": 8,
    "published": 740,
    "unit": "ng*h/mL",
    "tolerance": 0.243,
    "toleranceReason": "half the published range (560-920 racemic) relative to its middle",
    "source": "Yanagihara 2003 [yanagihara-2003] (abstract; 3 Japanese volunteers; per-enantiomer AUCs summed to racemic [calc])",
    "expect": "miss",
    "missReason": "The borrowed S-norketamine disposition (VM 98.6 L, CLM 57.7 L/h [otto-2021]) under-predicts racemic norketamine.",
    "basis": "independent"
  },
  {
    "id": "Y03-pr-nk-auc-clements-1981",
    "profile": "clements-1981",
    "description": "Racemic 50 mg rectal (one 50 mg suppository): norketamine AUC0-8h 280-460 ng*h/mL per enantiomer (range given for the SL tablet and the suppository together), 560-920 racemic, middle 740",
    "route": "pr",
    "doseMg": 50,
    "weightKg": 70,
    "metric": "auc",
    "output": "CM",
    "untilH": 8,
    "published": 740,
    "unit": "ng*h/mL",
    "tolerance": 0.243,
    "toleranceReason": "half the published range (560-920 racemic) relative to its middle",
    "source": "Yanagihara 2003 [yanagihara-2003] (abstract; 3 Japanese volunteers; per-enantiomer AUCs summed to racemic [calc])",
    "expect": "miss",
    "missReason": "The borrowed S-norketamine disposition (VM 98.6 L, CLM 57.7 L/h [otto-2021]) under-predicts racemic norketamine.",
    "basis": "independent"
  },
  {
    "id": "Y03-in-nk-auc-clements-1981",
    "profile": "clements-1981",
    "description": "Racemic 25 mg nasal spray: norketamine AUC0-6h ~100 ng*h/mL per enantiomer, ~200 racemic",
    "route": "in",
    "doseMg": 25,
    "weightKg": 70,
    "metric": "auc",
    "output": "CM",
    "untilH": 6,
    "published": 200,
    "unit": "ng*h/mL",
    "tolerance": 0.5,
    "toleranceReason": "no spread published (mean of 3 subjects): the fixed +/-50% used for every figure without a published spread",
    "source": "Yanagihara 2003 [yanagihara-2003] (abstract; 3 Japanese volunteers; per-enantiomer AUCs summed to racemic [calc])",
    "expect": "miss",
    "missReason": "The borrowed S-norketamine disposition (VM 98.6 L, CLM 57.7 L/h [otto-2021]) under-predicts racemic norketamine.",
    "basis": "independent"
  },
  {
    "id": "Y03-po-nk-auc-racemic-adult-2026",
    "profile": "racemic-adult-2026",
    "description": "Racemic 50 mg oral (two 25 mg tablets): norketamine AUC0-8h ~500 ng*h/mL per enantiomer, ~1000 racemic",
    "route": "po",
    "doseMg": 50,
    "weightKg": 70,
    "metric": "auc",
    "output": "CM",
    "untilH": 8,
    "published": 1000,
    "unit": "ng*h/mL",
    "tolerance": 0.5,
    "toleranceReason": "no spread published (mean of 3 subjects): the fixed +/-50% used for every figure without a published spread",
    "source": "Yanagihara 2003 [yanagihara-2003] (abstract; 3 Japanese volunteers; per-enantiomer AUCs summed to racemic [calc])",
    "expect": "pass",
    "basis": "independent"
  },
  {
    "id": "Y03-sl-nk-auc-racemic-adult-2026",
    "profile": "racemic-adult-2026",
    "description": "Racemic 50 mg sublingual (two 25 mg sublingual tablets): norketamine AUC0-8h 280-460 ng*h/mL per enantiomer (range given for the SL tablet and the suppository together), 560-920 racemic, middle 740",
    "route": "sl",
    "doseMg": 50,
    "weightKg": 70,
    "metric": "auc",
    "output": "CM",
    "untilH": 8,
    "published": 740,
    "unit": "ng*h/mL",
    "tolerance": 0.243,
    "toleranceReason": "half the published range (560-920 racemic) relative to its middle",
    "source": "Yanagihara 2003 [yanagihara-2003] (abstract; 3 Japanese volunteers; per-enantiomer AUCs summed to racemic [calc])",
    "expect": "miss",
    "missReason": "Norketamine AUC about 0.6x: the first-pass fractions come from Chong 2006 (25 mg lozenge, inpatients [chong-2006]) and are assumed for PR; these Japanese volunteers formed more norketamine [yanagihara-2003].",
    "basis": "independent"
  },
  {
    "id": "Y03-pr-nk-auc-racemic-adult-2026",
    "profile": "racemic-adult-2026",
    "description": "Racemic 50 mg rectal (one 50 mg suppository): norketamine AUC0-8h 280-460 ng*h/mL per enantiomer (range given for the SL tablet and the suppository together), 560-920 racemic, middle 740",
    "route": "pr",
    "doseMg": 50,
    "weightKg": 70,
    "metric": "auc",
    "output": "CM",
    "untilH": 8,
    "published": 740,
    "unit": "ng*h/mL",
    "tolerance": 0.243,
    "toleranceReason": "half the published range (560-920 racemic) relative to its middle",
    "source": "Yanagihara 2003 [yanagihara-2003] (abstract; 3 Japanese volunteers; per-enantiomer AUCs summed to racemic [calc])",
    "expect": "miss",
    "missReason": "Norketamine AUC about 0.6x: the first-pass fractions come from Chong 2006 (25 mg lozenge, inpatients [chong-2006]) and are assumed for PR; these Japanese volunteers formed more norketamine [yanagihara-2003].",
    "basis": "independent"
  },
  {
    "id": "Y03-in-nk-auc-racemic-adult-2026",
    "profile": "racemic-adult-2026",
    "description": "Racemic 25 mg nasal spray: norketamine AUC0-6h ~100 ng*h/mL per enantiomer, ~200 racemic",
    "route": "in",
    "doseMg": 25,
    "weightKg": 70,
    "metric": "auc",
    "output": "CM",
    "untilH": 6,
    "published": 200,
    "unit": "ng*h/mL",
    "tolerance": 0.5,
    "toleranceReason": "no spread published (mean of 3 subjects): the fixed +/-50% used for every figure without a published spread",
    "source": "Yanagihara 2003 [yanagihara-2003] (abstract; 3 Japanese volunteers; per-enantiomer AUCs summed to racemic [calc])",
    "expect": "pass",
    "basis": "independent"
  },
  {
    "id": "HU10-02-cmax",
    "profile": "perez-ruixo-2021",
    "description": "Esketamine (S-ketamine) 0.2 mg/kg IN as one spray session, neuropathic-pain patients, 70 kg: esketamine Cmax 27.7 +/- 5.9 ng/mL (a different spray than the 28 mg Spravato device; the profile's device rule is applied to dose/28 mg)",
    "route": "in",
    "doseMgPerKg": 0.2,
    "weightKg": 70,
    "metric": "cmax",
    "published": 27.7,
    "unit": "ng/mL",
    "tolerance": 0.213,
    "toleranceReason": "+/-1 SD of the published mean (SD/mean)",
    "source": "Huge 2010 [huge-2010] (abstract: 16 adults with neuropathic pain, 8 per dose group, IN S-ketamine, venous HPLC-MS over 6 h; mean +/- SD)",
    "expect": "pass",
    "basis": "independent"
  },
  {
    "id": "HU10-02-tmax",
    "profile": "perez-ruixo-2021",
    "description": "Esketamine (S-ketamine) 0.2 mg/kg IN as one spray session, neuropathic-pain patients, 70 kg: esketamine Tmax 10 +/- 6.3 min (a different spray than the 28 mg Spravato device; the profile's device rule is applied to dose/28 mg)",
    "route": "in",
    "doseMgPerKg": 0.2,
    "weightKg": 70,
    "metric": "tmax",
    "published": 0.1667,
    "unit": "h",
    "tolerance": 0.63,
    "toleranceReason": "+/-1 SD of the published mean (SD/mean)",
    "source": "Huge 2010 [huge-2010] (abstract: 16 adults with neuropathic pain, 8 per dose group, IN S-ketamine, venous HPLC-MS over 6 h; mean +/- SD)",
    "expect": "miss",
    "missReason": "The profile's nasal absorption (ka_n 2.93/h, with the swallowed share entering the liver after a 0.53 h zero-order input [perez-ruixo-2021]) was estimated on the 28 mg Spravato device and peaks at ~36 min [calc]; Huge's low-dose spray peaked at 10-14 min [huge-2010]. Absorption is device-specific; the published model is kept as published.",
    "basis": "independent"
  },
  {
    "id": "HU10-02-nk-cmax",
    "profile": "perez-ruixo-2021",
    "description": "Esketamine (S-ketamine) 0.2 mg/kg IN as one spray session, neuropathic-pain patients, 70 kg: noresketamine Cmax 18.3 +/- 14.9 ng/mL (a different spray than the 28 mg Spravato device; the profile's device rule is applied to dose/28 mg)",
    "route": "in",
    "doseMgPerKg": 0.2,
    "weightKg": 70,
    "metric": "cmax",
    "output": "CM",
    "published": 18.3,
    "unit": "ng/mL",
    "tolerance": 0.814,
    "toleranceReason": "+/-1 SD of the published mean (SD/mean)",
    "source": "Huge 2010 [huge-2010] (abstract: 16 adults with neuropathic pain, 8 per dose group, IN S-ketamine, venous HPLC-MS over 6 h; mean +/- SD)",
    "expect": "pass",
    "basis": "independent"
  },
  {
    "id": "HU10-02-nk-tmax",
    "profile": "perez-ruixo-2021",
    "description": "Esketamine (S-ketamine) 0.2 mg/kg IN as one spray session, neuropathic-pain patients, 70 kg: noresketamine Tmax 81 +/- 59 min (a different spray than the 28 mg Spravato device; the profile's device rule is applied to dose/28 mg)",
    "route": "in",
    "doseMgPerKg": 0.2,
    "weightKg": 70,
    "metric": "tmax",
    "output": "CM",
    "published": 1.35,
    "unit": "h",
    "tolerance": 0.728,
    "toleranceReason": "+/-1 SD of the published mean (SD/mean)",
    "source": "Huge 2010 [huge-2010] (abstract: 16 adults with neuropathic pain, 8 per dose group, IN S-ketamine, venous HPLC-MS over 6 h; mean +/- SD)",
    "expect": "pass",
    "basis": "independent"
  },
  {
    "id": "HU10-04-cmax",
    "profile": "perez-ruixo-2021",
    "description": "Esketamine (S-ketamine) 0.4 mg/kg IN as one spray session, neuropathic-pain patients, 70 kg: esketamine Cmax 34.3 +/- 22.2 ng/mL (a different spray than the 28 mg Spravato device; the profile's device rule is applied to dose/28 mg)",
    "route": "in",
    "doseMgPerKg": 0.4,
    "weightKg": 70,
    "metric": "cmax",
    "published": 34.3,
    "unit": "ng/mL",
    "tolerance": 0.647,
    "toleranceReason": "+/-1 SD of the published mean (SD/mean)",
    "source": "Huge 2010 [huge-2010] (abstract: 16 adults with neuropathic pain, 8 per dose group, IN S-ketamine, venous HPLC-MS over 6 h; mean +/- SD)",
    "expect": "pass",
    "basis": "independent"
  },
  {
    "id": "HU10-04-tmax",
    "profile": "perez-ruixo-2021",
    "description": "Esketamine (S-ketamine) 0.4 mg/kg IN as one spray session, neuropathic-pain patients, 70 kg: esketamine Tmax 13.8 +/- 4.8 min (a different spray than the 28 mg Spravato device; the profile's device rule is applied to dose/28 mg)",
    "route": "in",
    "doseMgPerKg": 0.4,
    "weightKg": 70,
    "metric": "tmax",
    "published": 0.23,
    "unit": "h",
    "tolerance": 0.348,
    "toleranceReason": "+/-1 SD of the published mean (SD/mean)",
    "source": "Huge 2010 [huge-2010] (abstract: 16 adults with neuropathic pain, 8 per dose group, IN S-ketamine, venous HPLC-MS over 6 h; mean +/- SD)",
    "expect": "miss",
    "missReason": "The profile's nasal absorption (ka_n 2.93/h, with the swallowed share entering the liver after a 0.53 h zero-order input [perez-ruixo-2021]) was estimated on the 28 mg Spravato device and peaks at ~36 min [calc]; Huge's low-dose spray peaked at 10-14 min [huge-2010]. Absorption is device-specific; the published model is kept as published.",
    "basis": "independent"
  },
  {
    "id": "HU10-04-nk-cmax",
    "profile": "perez-ruixo-2021",
    "description": "Esketamine (S-ketamine) 0.4 mg/kg IN as one spray session, neuropathic-pain patients, 70 kg: noresketamine Cmax 34.3 +/- 5.5 ng/mL (a different spray than the 28 mg Spravato device; the profile's device rule is applied to dose/28 mg)",
    "route": "in",
    "doseMgPerKg": 0.4,
    "weightKg": 70,
    "metric": "cmax",
    "output": "CM",
    "published": 34.3,
    "unit": "ng/mL",
    "tolerance": 0.16,
    "toleranceReason": "+/-1 SD of the published mean (SD/mean)",
    "source": "Huge 2010 [huge-2010] (abstract: 16 adults with neuropathic pain, 8 per dose group, IN S-ketamine, venous HPLC-MS over 6 h; mean +/- SD)",
    "expect": "miss",
    "missReason": "The profile's noresketamine Cmax is ~1.7x the published 34.3 +/- 5.5 ng/mL; the same model over-predicts noresketamine exposure on its own figures (V10-*-nk-auc, ~1.4x) and the published SD here is narrow (8 patients).",
    "basis": "independent"
  },
  {
    "id": "HU10-04-nk-tmax",
    "profile": "perez-ruixo-2021",
    "description": "Esketamine (S-ketamine) 0.4 mg/kg IN as one spray session, neuropathic-pain patients, 70 kg: noresketamine Tmax 75 +/- 40 min (a different spray than the 28 mg Spravato device; the profile's device rule is applied to dose/28 mg)",
    "route": "in",
    "doseMgPerKg": 0.4,
    "weightKg": 70,
    "metric": "tmax",
    "output": "CM",
    "published": 1.25,
    "unit": "h",
    "tolerance": 0.533,
    "toleranceReason": "+/-1 SD of the published mean (SD/mean)",
    "source": "Huge 2010 [huge-2010] (abstract: 16 adults with neuropathic pain, 8 per dose group, IN S-ketamine, venous HPLC-MS over 6 h; mean +/- SD)",
    "expect": "pass",
    "basis": "independent"
  },
  {
    "id": "H21-auc-clements-1981",
    "profile": "clements-1981",
    "description": "Racemic 5 mg IV, 70 kg: total (S + R) AUCinf from the published metabolic clearances, S 1620 +/- 380 and R 1530 +/- 380 mL/min (AUC = 2.5 mg / CL_S + 2.5 mg / CL_R [calc]; AUCinf does not depend on the infusion time, which the abstract does not give)",
    "route": "iv-bolus",
    "doseMg": 5,
    "weightKg": 70,
    "metric": "aucinf",
    "published": 53.0,
    "unit": "ng*h/mL",
    "tolerance": 0.248,
    "toleranceReason": "+/-1 SD of the clearances (larger relative SD, R: 380/1530), carried to AUC",
    "source": "Hasan 2021 [hasan-2021] (abstract: 15 healthy white adults, racemic 5.0 mg IV infusion, serum S- and R-ketamine by LC-MS/MS, noncompartmental; mean +/- SD)",
    "expect": "pass",
    "basis": "independent"
  },
  {
    "id": "H21-auc-domino-1982",
    "profile": "domino-1982",
    "description": "Racemic 5 mg IV, 70 kg: total (S + R) AUCinf from the published metabolic clearances, S 1620 +/- 380 and R 1530 +/- 380 mL/min (AUC = 2.5 mg / CL_S + 2.5 mg / CL_R [calc]; AUCinf does not depend on the infusion time, which the abstract does not give)",
    "route": "iv-bolus",
    "doseMg": 5,
    "weightKg": 70,
    "metric": "aucinf",
    "published": 53.0,
    "unit": "ng*h/mL",
    "tolerance": 0.248,
    "toleranceReason": "+/-1 SD of the clearances (larger relative SD, R: 380/1530), carried to AUC",
    "source": "Hasan 2021 [hasan-2021] (abstract: 15 healthy white adults, racemic 5.0 mg IV infusion, serum S- and R-ketamine by LC-MS/MS, noncompartmental; mean +/- SD)",
    "expect": "pass",
    "basis": "independent"
  },
  {
    "id": "H21-auc-herd-2007",
    "profile": "herd-2007",
    "description": "Racemic 5 mg IV, 70 kg: total (S + R) AUCinf from the published metabolic clearances, S 1620 +/- 380 and R 1530 +/- 380 mL/min (AUC = 2.5 mg / CL_S + 2.5 mg / CL_R [calc]; AUCinf does not depend on the infusion time, which the abstract does not give)",
    "route": "iv-bolus",
    "doseMg": 5,
    "weightKg": 70,
    "metric": "aucinf",
    "published": 53.0,
    "unit": "ng*h/mL",
    "tolerance": 0.248,
    "toleranceReason": "+/-1 SD of the clearances (larger relative SD, R: 380/1530), carried to AUC",
    "source": "Hasan 2021 [hasan-2021] (abstract: 15 healthy white adults, racemic 5.0 mg IV infusion, serum S- and R-ketamine by LC-MS/MS, noncompartmental; mean +/- SD)",
    "expect": "pass",
    "basis": "independent"
  },
  {
    "id": "H21-auc-racemic-adult-2026",
    "profile": "racemic-adult-2026",
    "description": "Racemic 5 mg IV, 70 kg: total (S + R) AUCinf from the published metabolic clearances, S 1620 +/- 380 and R 1530 +/- 380 mL/min (AUC = 2.5 mg / CL_S + 2.5 mg / CL_R [calc]; AUCinf does not depend on the infusion time, which the abstract does not give)",
    "route": "iv-bolus",
    "doseMg": 5,
    "weightKg": 70,
    "metric": "aucinf",
    "published": 53.0,
    "unit": "ng*h/mL",
    "tolerance": 0.248,
    "toleranceReason": "+/-1 SD of the clearances (larger relative SD, R: 380/1530), carried to AUC",
    "source": "Hasan 2021 [hasan-2021] (abstract: 15 healthy white adults, racemic 5.0 mg IV infusion, serum S- and R-ketamine by LC-MS/MS, noncompartmental; mean +/- SD)",
    "expect": "pass",
    "basis": "independent"
  },
  {
    "id": "H21-thalf-clements-1981",
    "profile": "clements-1981",
    "description": "Racemic 5 mg IV, 70 kg: terminal half-life, mean of the enantiomers' 5.2 +/- 3.4 h (S) and 6.1 +/- 3.1 h (R) [calc: (5.2 + 6.1)/2]",
    "route": "iv-bolus",
    "doseMg": 5,
    "weightKg": 70,
    "metric": "thalf",
    "published": 5.65,
    "unit": "h",
    "tolerance": 0.585,
    "toleranceReason": "+/-1 SD/mean, root mean square of the two enantiomers' relative SDs (3.4/5.2 and 3.1/6.1) [calc]",
    "source": "Hasan 2021 [hasan-2021] (abstract: 15 healthy white adults, racemic 5.0 mg IV infusion, serum S- and R-ketamine by LC-MS/MS, noncompartmental; mean +/- SD)",
    "expect": "pass",
    "basis": "independent"
  },
  {
    "id": "H21-thalf-racemic-adult-2026",
    "profile": "racemic-adult-2026",
    "description": "Racemic 5 mg IV, 70 kg: terminal half-life, mean of the enantiomers' 5.2 +/- 3.4 h (S) and 6.1 +/- 3.1 h (R) [calc: (5.2 + 6.1)/2]",
    "route": "iv-bolus",
    "doseMg": 5,
    "weightKg": 70,
    "metric": "thalf",
    "published": 5.65,
    "unit": "h",
    "tolerance": 0.585,
    "toleranceReason": "+/-1 SD/mean, root mean square of the two enantiomers' relative SDs (3.4/5.2 and 3.1/6.1) [calc]",
    "source": "Hasan 2021 [hasan-2021] (abstract: 15 healthy white adults, racemic 5.0 mg IV infusion, serum S- and R-ketamine by LC-MS/MS, noncompartmental; mean +/- SD)",
    "expect": "pass",
    "basis": "independent"
  },
  {
    "id": "H21-cmax-clements-1981",
    "profile": "clements-1981",
    "description": "Racemic 5 mg IV over 30 min, 70 kg: total (S + R) Cmax, sum of the enantiomers' 15.6 +/- 4.5 (S) and 16.5 +/- 4.9 ng/mL (R) [calc: 15.6 + 16.5]; infusion time and Cmax seen second-hand only (UNCONFIRMED)",
    "route": "iv",
    "doseMg": 5,
    "infusionMin": 30,
    "weightKg": 70,
    "metric": "cmax",
    "published": 32.1,
    "unit": "ng/mL",
    "tolerance": 0.297,
    "toleranceReason": "+/-1 SD/mean, the larger of the two enantiomers' relative SDs (R: 4.9/16.5)",
    "source": "Hasan 2021 [hasan-2021] Table 1 as transcribed in a public code repository (not the paper; UNCONFIRMED); 15 healthy adults, venous serum",
    "expect": "pass",
    "basis": "independent"
  },
  {
    "id": "H21-cmax-domino-1982",
    "profile": "domino-1982",
    "description": "Racemic 5 mg IV over 30 min, 70 kg: total (S + R) Cmax, sum of the enantiomers' 15.6 +/- 4.5 (S) and 16.5 +/- 4.9 ng/mL (R) [calc: 15.6 + 16.5]; infusion time and Cmax seen second-hand only (UNCONFIRMED)",
    "route": "iv",
    "doseMg": 5,
    "infusionMin": 30,
    "weightKg": 70,
    "metric": "cmax",
    "published": 32.1,
    "unit": "ng/mL",
    "tolerance": 0.297,
    "toleranceReason": "+/-1 SD/mean, the larger of the two enantiomers' relative SDs (R: 4.9/16.5)",
    "source": "Hasan 2021 [hasan-2021] Table 1 as transcribed in a public code repository (not the paper; UNCONFIRMED); 15 healthy adults, venous serum",
    "expect": "miss",
    "missReason": "Domino's central volume (0.063 L/kg, 4.4 L at 70 kg [domino-1982], UNCONFIRMED) gives high early and end-of-infusion peaks; Hasan's samples were venous serum [hasan-2021].",
    "basis": "independent"
  },
  {
    "id": "H21-cmax-herd-2007",
    "profile": "herd-2007",
    "description": "Racemic 5 mg IV over 30 min, 70 kg: total (S + R) Cmax, sum of the enantiomers' 15.6 +/- 4.5 (S) and 16.5 +/- 4.9 ng/mL (R) [calc: 15.6 + 16.5]; infusion time and Cmax seen second-hand only (UNCONFIRMED)",
    "route": "iv",
    "doseMg": 5,
    "infusionMin": 30,
    "weightKg": 70,
    "metric": "cmax",
    "published": 32.1,
    "unit": "ng/mL",
    "tolerance": 0.297,
    "toleranceReason": "+/-1 SD/mean, the larger of the two enantiomers' relative SDs (R: 4.9/16.5)",
    "source": "Hasan 2021 [hasan-2021] Table 1 as transcribed in a public code repository (not the paper; UNCONFIRMED); 15 healthy adults, venous serum",
    "expect": "miss",
    "missReason": "Herd's central volume (38.7 L/70 kg, children [herd-2007]) peaks higher at the end of a short infusion than the venous adult data [hasan-2021]; the same model over-predicts the Zarate peak (V1-herd-2007).",
    "basis": "independent"
  },
  {
    "id": "H21-cmax-racemic-adult-2026",
    "profile": "racemic-adult-2026",
    "description": "Racemic 5 mg IV over 30 min, 70 kg: total (S + R) Cmax, sum of the enantiomers' 15.6 +/- 4.5 (S) and 16.5 +/- 4.9 ng/mL (R) [calc: 15.6 + 16.5]; infusion time and Cmax seen second-hand only (UNCONFIRMED)",
    "route": "iv",
    "doseMg": 5,
    "infusionMin": 30,
    "weightKg": 70,
    "metric": "cmax",
    "published": 32.1,
    "unit": "ng/mL",
    "tolerance": 0.297,
    "toleranceReason": "+/-1 SD/mean, the larger of the two enantiomers' relative SDs (R: 4.9/16.5)",
    "source": "Hasan 2021 [hasan-2021] Table 1 as transcribed in a public code repository (not the paper; UNCONFIRMED); 15 healthy adults, venous serum",
    "expect": "pass",
    "basis": "independent"
  },
  {
    "id": "H21-s-auc-perez-ruixo-2021",
    "profile": "perez-ruixo-2021",
    "description": "S-ketamine 2.5 mg IV (the S half of a racemic 5 mg infusion), 70 kg: S-ketamine AUCinf from the published metabolic clearance 1620 +/- 380 mL/min (AUC = 2.5 mg / CL_S [calc]); S given with R, which may differ slightly from esketamine alone",
    "route": "iv-bolus",
    "doseMg": 2.5,
    "weightKg": 70,
    "metric": "aucinf",
    "published": 25.7,
    "unit": "ng*h/mL",
    "tolerance": 0.235,
    "toleranceReason": "+/-1 SD of the S-ketamine clearance (380/1620), carried to AUC = dose/CL",
    "source": "Hasan 2021 [hasan-2021] (abstract: 15 healthy white adults, racemic 5.0 mg IV infusion, serum S-ketamine by LC-MS/MS, noncompartmental; mean +/- SD)",
    "expect": "pass",
    "basis": "independent"
  },
  {
    "id": "H21-s-auc-fanta-otto-2021",
    "profile": "fanta-otto-2021",
    "description": "S-ketamine 2.5 mg IV (the S half of a racemic 5 mg infusion), 70 kg: S-ketamine AUCinf from the published metabolic clearance 1620 +/- 380 mL/min (AUC = 2.5 mg / CL_S [calc]); S given with R, which may differ slightly from esketamine alone",
    "route": "iv-bolus",
    "doseMg": 2.5,
    "weightKg": 70,
    "metric": "aucinf",
    "published": 25.7,
    "unit": "ng*h/mL",
    "tolerance": 0.235,
    "toleranceReason": "+/-1 SD of the S-ketamine clearance (380/1620), carried to AUC = dose/CL",
    "source": "Hasan 2021 [hasan-2021] (abstract: 15 healthy white adults, racemic 5.0 mg IV infusion, serum S-ketamine by LC-MS/MS, noncompartmental; mean +/- SD)",
    "expect": "pass",
    "basis": "independent"
  },
  {
    "id": "H21-s-auc-simons-2022",
    "profile": "simons-2022",
    "description": "S-ketamine 2.5 mg IV (the S half of a racemic 5 mg infusion), 70 kg: S-ketamine AUCinf from the published metabolic clearance 1620 +/- 380 mL/min (AUC = 2.5 mg / CL_S [calc]); S given with R, which may differ slightly from esketamine alone",
    "route": "iv-bolus",
    "doseMg": 2.5,
    "weightKg": 70,
    "metric": "aucinf",
    "published": 25.7,
    "unit": "ng*h/mL",
    "tolerance": 0.235,
    "toleranceReason": "+/-1 SD of the S-ketamine clearance (380/1620), carried to AUC = dose/CL",
    "source": "Hasan 2021 [hasan-2021] (abstract: 15 healthy white adults, racemic 5.0 mg IV infusion, serum S-ketamine by LC-MS/MS, noncompartmental; mean +/- SD)",
    "expect": "pass",
    "basis": "independent"
  }
]
"""####,
    ]
}
