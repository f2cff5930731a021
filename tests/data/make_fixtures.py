"""Write the small name fixtures in tests/data (run once; the files are committed).

The numbers are made here (smooth running-like curves, 100 Hz, 2.4 s, a stride every 0.8 s), never copied from
another system's data; only the column NAMES are those the systems write: Vicon Plug-in Gait model outputs,
OpenSim gait2392 coordinates and forces, OpenCap (markerless; LaiUhlrich2022 model, OpenSim names), MediaPipe
pose landmarks (markerless key points) and Xsens MVN joint angles (inertial suit).

    python tests/data/make_fixtures.py
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
T = np.round(np.arange(240) / 100.0, 2)
PH = 2 * np.pi * T / 0.8


def side(offset: float):
    p = PH + offset
    hip = 20 + 30 * np.cos(p)
    knee = 45 - 40 * np.cos(p + 1.2)
    ankle = 5 + 15 * np.sin(p)
    return hip, knee, ankle


def vgrf(offset: float):
    phase = ((PH + offset) / (2 * np.pi)) % 1.0
    stance = (phase > 0.05) & (phase < 0.35)
    return np.where(stance, 1800 * np.sin(np.pi * (phase - 0.05) / 0.3), 0.0)


def main() -> None:
    hr, kr, ar = side(0.0)
    hl, kl, al = side(np.pi)
    pelvis = 6 * np.sin(PH)
    thorax = -9 * np.sin(PH)
    # Vicon Plug-in Gait model outputs flattened to one header line (name_component), as most exports do
    pig = pd.DataFrame({"Time": T, "RHipAngles_X": hr, "RHipAngles_Y": 3 * np.sin(PH), "RHipAngles_Z": 2 * np.cos(PH),
                        "LHipAngles_X": hl, "LHipAngles_Y": -3 * np.sin(PH), "LHipAngles_Z": -2 * np.cos(PH),
                        "RKneeAngles_X": kr, "LKneeAngles_X": kl, "RAnkleAngles_X": ar, "LAnkleAngles_X": al,
                        "RPelvisAngles_X": 10 + np.sin(2 * PH), "RPelvisAngles_Y": 4 * np.sin(PH),
                        "RPelvisAngles_Z": pelvis, "LPelvisAngles_Z": -pelvis, "RThoraxAngles_Z": thorax,
                        "RShoulderAngles_X": -25 * np.cos(PH), "LShoulderAngles_X": 25 * np.cos(PH)})
    pig.round(4).to_csv(HERE / "plugin_gait_model_outputs.csv", index=False)
    # OpenSim gait2392: inverse kinematics coordinates and the example's force names (ground_ = right, 1_ground_ = left)
    ik = pd.DataFrame({"time": T, "pelvis_tilt": -5 + np.sin(2 * PH), "pelvis_list": 3 * np.sin(PH),
                       "pelvis_rotation": pelvis, "pelvis_tx": 3.0 * T, "pelvis_ty": 0.95 + 0.03 * np.cos(2 * PH),
                       "pelvis_tz": 0.01 * np.sin(PH), "hip_flexion_r": hr, "hip_adduction_r": 3 * np.sin(PH),
                       "hip_rotation_r": 2 * np.cos(PH), "knee_angle_r": kr, "ankle_angle_r": ar,
                       "subtalar_angle_r": 0 * T, "mtp_angle_r": 0 * T, "hip_flexion_l": hl,
                       "hip_adduction_l": -3 * np.sin(PH), "hip_rotation_l": -2 * np.cos(PH), "knee_angle_l": kl,
                       "ankle_angle_l": al, "subtalar_angle_l": 0 * T, "mtp_angle_l": 0 * T,
                       "lumbar_extension": -10 + np.sin(2 * PH), "lumbar_bending": 2 * np.sin(PH),
                       "lumbar_rotation": thorax - pelvis})
    _mot(ik, HERE / "gait2392_ik.mot", "Coordinates", degrees=True)
    names = {}
    for prefix, off in (("ground_", 0.0), ("1_ground_", np.pi)):
        f = vgrf(off)
        names.update({f"{prefix}force_vx": 0.1 * f, f"{prefix}force_vy": f, f"{prefix}force_vz": 0 * f,
                      f"{prefix}force_px": 0 * f, f"{prefix}force_py": 0 * f, f"{prefix}force_pz": 0 * f})
    for prefix in ("ground_", "1_ground_"):
        names.update({f"{prefix}torque_x": 0 * T, f"{prefix}torque_y": 0 * T, f"{prefix}torque_z": 0 * T})
    _mot(pd.DataFrame({"time": T, **names}), HERE / "gait2392_grf.mot", "subject01_walk1_grf.mot", degrees=None)
    # OpenCap (markerless video): LaiUhlrich2022 model, OpenSim coordinate names including the arms
    oc = ik.drop(columns=["subtalar_angle_r", "subtalar_angle_l"]).assign(
        arm_flex_r=-25 * np.cos(PH), arm_add_r=-10 + 0 * T, arm_rot_r=5 + 0 * T, elbow_flex_r=80 + 10 * np.cos(PH),
        pro_sup_r=80 + 0 * T, arm_flex_l=25 * np.cos(PH), arm_add_l=-10 + 0 * T, arm_rot_l=5 + 0 * T,
        elbow_flex_l=80 - 10 * np.cos(PH), pro_sup_l=80 + 0 * T)
    _mot(oc, HERE / "opencap_kinematics.mot", "Coordinates", degrees=True)
    # MediaPipe pose world landmarks [m]: x forward here, y up, z to the right; the body moves forward at 3 m/s
    mp = {"time": T}
    for s, sign, off in (("right", 1, 0.0), ("left", -1, np.pi)):
        yaw = np.radians(6 * np.sin(PH)) * 1.0
        hip = np.column_stack([3.0 * T + sign * 0.1 * np.sin(yaw), 0.95 + 0 * T, sign * 0.1 * np.cos(yaw)])
        sh_yaw = np.radians(-9 * np.sin(PH))
        shoulder = np.column_stack([3.0 * T + sign * 0.18 * np.sin(sh_yaw), 1.45 + 0 * T,
                                    sign * 0.18 * np.cos(sh_yaw)])
        h, k, _ = side(off)
        th, sh = np.radians(h), np.radians(h - k)
        knee = hip + np.column_stack([0.42 * np.sin(th), -0.42 * np.cos(th), 0 * T])
        ankle = knee + np.column_stack([0.43 * np.sin(sh), -0.43 * np.cos(sh), 0 * T])
        heel = ankle + np.array([-0.05, -0.05, 0.0])
        toe = ankle + np.array([0.15, -0.07, 0.0])
        for name, xyz in (("hip", hip), ("shoulder", shoulder), ("knee", knee), ("ankle", ankle), ("heel", heel),
                          ("foot_index", toe)):
            for a, j in zip("xyz", range(3)):
                mp[f"{s}_{name}_{a}"] = xyz[:, j]
    pd.DataFrame(mp).round(5).to_csv(HERE / "mediapipe_pose_world_landmarks.csv", index=False)
    # Xsens MVN joint angles (inertial suit), exported with a time column
    xs = pd.DataFrame({"Time (s)": T, "Right Hip Flexion/Extension": hr, "Left Hip Flexion/Extension": hl,
                       "Right Hip Abduction/Adduction": 3 * np.sin(PH), "Left Hip Abduction/Adduction": -3 * np.sin(PH),
                       "Right Knee Flexion/Extension": kr, "Left Knee Flexion/Extension": kl,
                       "Right Ankle Dorsiflexion/Plantarflexion": ar, "Left Ankle Dorsiflexion/Plantarflexion": al})
    xs.round(4).to_csv(HERE / "xsens_mvn_joint_angles.csv", index=False)


def _mot(df: pd.DataFrame, path: Path, title: str, degrees: bool | None) -> None:
    head = [title, "version=1", f"nRows={len(df)}", f"nColumns={df.shape[1]}"]
    if degrees is not None:
        head.append(f"inDegrees={'yes' if degrees else 'no'}")
    text = "\n".join(head + ["endheader", ""]) + df.round(6).to_csv(sep="\t", index=False, lineterminator="\n")
    path.write_text(text)


if __name__ == "__main__":
    main()
