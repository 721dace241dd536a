/*
 * Node addon exposing the platform C library's single-precision exp, log, pow and expm1.
 *
 * Anki computes FSRS memory states in f32 with Rust's f32::exp, ln, powf and exp_m1, which call
 * the platform's expf, logf, powf and expm1f. Those are not always correctly rounded (glibc's
 * are within about half an ulp), so JavaScript's double-precision results rounded to f32 differ
 * from them now and then, and a stability or difficulty Anki stores can then differ in its last
 * digit. Calling the same C functions gives the same f32 results as Anki on the same platform.
 */
#include <math.h>
#include <node_api.h>

typedef float (*unary_f32)(float);

static napi_value call_unary(napi_env env, napi_callback_info info, unary_f32 fn) {
  size_t argc = 1;
  napi_value argv[1];
  double x = 0;
  napi_value result;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 1 ||
      napi_get_value_double(env, argv[0], &x) != napi_ok) {
    napi_throw_type_error(env, NULL, "expected a number");
    return NULL;
  }
  napi_create_double(env, (double)fn((float)x), &result);
  return result;
}

static napi_value js_expf(napi_env env, napi_callback_info info) { return call_unary(env, info, expf); }
static napi_value js_logf(napi_env env, napi_callback_info info) { return call_unary(env, info, logf); }
static napi_value js_expm1f(napi_env env, napi_callback_info info) { return call_unary(env, info, expm1f); }

static napi_value js_powf(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  double x = 0, y = 0;
  napi_value result;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 2 ||
      napi_get_value_double(env, argv[0], &x) != napi_ok || napi_get_value_double(env, argv[1], &y) != napi_ok) {
    napi_throw_type_error(env, NULL, "expected two numbers");
    return NULL;
  }
  napi_create_double(env, (double)powf((float)x, (float)y), &result);
  return result;
}

static napi_value init(napi_env env, napi_value exports) {
  napi_property_descriptor fns[] = {
      {"expf", NULL, js_expf, NULL, NULL, NULL, napi_enumerable, NULL},
      {"logf", NULL, js_logf, NULL, NULL, NULL, napi_enumerable, NULL},
      {"powf", NULL, js_powf, NULL, NULL, NULL, napi_enumerable, NULL},
      {"expm1f", NULL, js_expm1f, NULL, NULL, NULL, napi_enumerable, NULL},
  };
  napi_define_properties(env, exports, sizeof(fns) / sizeof(fns[0]), fns);
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
