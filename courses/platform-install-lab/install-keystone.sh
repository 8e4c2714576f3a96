#!/usr/bin/env bash
# install-keystone.sh - install or upgrade Keystone with the official Helm chart.
#
# Keystone Academy, Platform install lab. Safe to re-run: it uses
# "helm upgrade --install" and never deletes anything.
#
# Usage:
#   ./install-keystone.sh [--namespace NAME] [--values FILE] [--version CHART_VERSION]
#                         [--release NAME] [--dry-run]
#
# Requires: kubectl >= 1.29, helm >= 3.14, a current kubectl context that
# points at the cluster you intend to install into.

set -euo pipefail

NAMESPACE="keystone"
VALUES_FILE="values.yaml"
CHART_VERSION="6.4.2"
RELEASE="keystone"
DRY_RUN="false"
HELM_REPO_NAME="keystone"
HELM_REPO_URL="https://helm.keystone.example/charts"
MIN_K8S_MINOR=29

log()  { printf '%s  %s\n' "$(date +%H:%M:%S)" "$*"; }
fail() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

usage() {
  sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
  exit "${1:-0}"
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --namespace) NAMESPACE="$2"; shift 2 ;;
    --values)    VALUES_FILE="$2"; shift 2 ;;
    --version)   CHART_VERSION="$2"; shift 2 ;;
    --release)   RELEASE="$2"; shift 2 ;;
    --dry-run)   DRY_RUN="true"; shift ;;
    -h|--help)   usage 0 ;;
    *)           printf 'Unknown option: %s\n\n' "$1" >&2; usage 2 ;;
  esac
done

check_tools() {
  for tool in kubectl helm; do
    command -v "$tool" >/dev/null 2>&1 || fail "$tool is not installed or not on PATH"
  done
  log "helm $(helm version --short)"
  log "kubectl client $(kubectl version --client -o json | grep -m1 gitVersion | tr -d ' ",' | cut -d: -f2)"
}

check_cluster() {
  local context minor
  context="$(kubectl config current-context)"
  log "Current context: ${context}"
  case "$context" in
    *prod*|*production*)
      if [[ "${KEYSTONE_ALLOW_PROD:-}" != "yes" ]]; then
        fail "context '${context}' looks like production; set KEYSTONE_ALLOW_PROD=yes to continue"
      fi
      ;;
  esac

  minor="$(kubectl version -o json | grep -A4 serverVersion | grep -m1 minor | tr -dc '0-9')"
  [[ -n "$minor" ]] || fail "could not read the cluster version; is the cluster reachable?"
  if (( minor < MIN_K8S_MINOR )); then
    fail "Kubernetes 1.${minor} is too old; Keystone ${CHART_VERSION} needs 1.${MIN_K8S_MINOR} or later"
  fi
  log "Kubernetes server 1.${minor}: OK"
}

check_values() {
  [[ -f "$VALUES_FILE" ]] || fail "values file '${VALUES_FILE}' not found"
  if grep -Eq '^[[:space:]]*(licenseKey|token|password):[[:space:]]*[^[:space:]]' "$VALUES_FILE"; then
    fail "${VALUES_FILE} appears to contain a secret; reference a Kubernetes secret instead"
  fi

  local storage_class
  storage_class="$(grep -A1 '^storageClass:' "$VALUES_FILE" | grep 'name:' | awk '{print $2}' | tr -d '"')"
  if [[ -n "$storage_class" ]]; then
    kubectl get storageclass "$storage_class" >/dev/null 2>&1 \
      || fail "storage class '${storage_class}' does not exist (kubectl get storageclass)"
    log "Storage class ${storage_class}: OK"
  fi

  if ! kubectl get ingressclass >/dev/null 2>&1 || [[ -z "$(kubectl get ingressclass -o name)" ]]; then
    log "WARNING: no IngressClass found; you will need an ingress controller to reach Keystone"
  fi
}

prepare_namespace() {
  if kubectl get namespace "$NAMESPACE" >/dev/null 2>&1; then
    log "Namespace ${NAMESPACE} exists"
  elif [[ "$DRY_RUN" == "true" ]]; then
    log "Namespace ${NAMESPACE} would be created"
  else
    kubectl create namespace "$NAMESPACE"
  fi

  if [[ "$DRY_RUN" != "true" ]]; then
    kubectl -n "$NAMESPACE" get secret keystone-license >/dev/null 2>&1 \
      || fail "secret keystone-license is missing in namespace ${NAMESPACE} (see lab step 3)"
  fi
}

install_chart() {
  helm repo add "$HELM_REPO_NAME" "$HELM_REPO_URL" --force-update >/dev/null
  helm repo update "$HELM_REPO_NAME" >/dev/null
  log "Using chart ${HELM_REPO_NAME}/keystone version ${CHART_VERSION}"

  local args=(
    upgrade --install "$RELEASE" "${HELM_REPO_NAME}/keystone"
    --namespace "$NAMESPACE"
    --version "$CHART_VERSION"
    --values "$VALUES_FILE"
  )

  if [[ "$DRY_RUN" == "true" ]]; then
    helm "${args[@]}" --dry-run=server >/dev/null
    log "Dry run complete: the chart renders and the API server accepts it"
    return
  fi

  helm "${args[@]}" --wait --timeout 20m
  log "Waiting for the frontend to become ready"
  kubectl -n "$NAMESPACE" rollout status deployment/frontend --timeout=10m
  kubectl -n "$NAMESPACE" get pods
  log "Keystone ${CHART_VERSION} is installed in namespace ${NAMESPACE}"
  log "Next: expose it over TLS (lab step 6) and create the first administrator"
}

main() {
  log "Keystone install: release=${RELEASE} namespace=${NAMESPACE} chart=${CHART_VERSION} dry-run=${DRY_RUN}"
  check_tools
  check_cluster
  check_values
  prepare_namespace
  install_chart
}

main
