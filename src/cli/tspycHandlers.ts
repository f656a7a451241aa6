// Registers the tspyc modes that exist. Each stage adds its import here.
import "./disMode.js";
import "./astMode.js";
import "./compileMode.js";
export {};
